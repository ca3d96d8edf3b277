namespace Outlook.Worker.Personas.State;

/// <summary>Decayed counts of sent and received mail, and of the part of each that crossed the tenant boundary.</summary>
internal sealed class ExternalShare
{
    public double Sent { get; set; }

    public double ExternalSent { get; set; }

    public double Received { get; set; }

    public double ExternalReceived { get; set; }

    public DateTimeOffset? DecayedTo { get; set; }

    public double SentShare => Sent <= 0 ? 0 : ExternalSent / Sent;

    public double ReceivedShare => Received <= 0 ? 0 : ExternalReceived / Received;

    public void DecayTo(DateTimeOffset time, TimeSpan halfLife)
    {
        if (DecayedTo is { } decayedTo && time > decayedTo)
        {
            var factor = Decay.Factor(time - decayedTo, halfLife);
            Sent *= factor;
            ExternalSent *= factor;
            Received *= factor;
            ExternalReceived *= factor;
        }

        if (DecayedTo is null || time > DecayedTo)
        {
            DecayedTo = time;
        }
    }
}
