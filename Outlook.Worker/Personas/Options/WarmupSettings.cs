namespace Outlook.Worker.Personas.Options;

/// <summary>How much history a persona needs before its baseline detections may fire. Rule detections need none.</summary>
internal sealed class WarmupSettings
{
    /// <summary>Event time between the persona's first event and the event being judged.</summary>
    public TimeSpan MinDuration { get; set; } = TimeSpan.FromDays(14);

    public int MinEvents { get; set; } = 50;
}
