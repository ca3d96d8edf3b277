namespace Outlook.Worker.Personas.State;

/// <summary>Consecutive closed days on which the short-window mean stayed raised above the long-window mean.</summary>
internal sealed class DriftStreaks
{
    public int Share { get; set; }

    public int Volume { get; set; }
}
