namespace Outlook.Worker.Personas.State;

/// <summary>An open incident: the alert id and how far it has grown.</summary>
internal sealed class IncidentRecord
{
    public string AlertId { get; set; } = "";

    public string DetectorId { get; set; } = "";

    public string IncidentKey { get; set; } = "";

    public string Severity { get; set; } = "";

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public int Count { get; set; }

    /// <summary>The incident closes when no finding arrives within this time of <see cref="LastSeen"/>.</summary>
    public TimeSpan Window { get; set; }
}
