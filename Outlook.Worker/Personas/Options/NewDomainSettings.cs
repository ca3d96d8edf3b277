namespace Outlook.Worker.Personas.Options;

/// <summary>A first-seen external domain fires when the user sends it this many messages this soon after first contact.</summary>
internal sealed class NewDomainSettings
{
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    public int MinMessages { get; set; } = 5;

    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromDays(1);
}
