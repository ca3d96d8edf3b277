namespace Outlook.Worker.Personas.State;

/// <summary>Traffic with one domain or address. <see cref="Weight"/> decays; the totals do not.</summary>
internal sealed class ContactStats
{
    /// <summary>Decayed message count as of <see cref="LastSeen"/>.</summary>
    public double Weight { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public long Sent { get; set; }

    public long Received { get; set; }

    /// <summary>Sent messages with attachments.</summary>
    public long AttachmentsSent { get; set; }

    public double WeightAt(DateTimeOffset time, TimeSpan halfLife) =>
        Weight * Decay.Factor(time - LastSeen, halfLife);
}
