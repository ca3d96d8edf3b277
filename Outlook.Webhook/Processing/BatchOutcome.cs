namespace Outlook.Webhook.Processing;

/// <summary>What became of a batch: counts per outcome, and whether its accepted items are durable in Kafka.</summary>
internal sealed record BatchOutcome(int Accepted, int Duplicates, int Rejected, bool Durable)
{
    /// <summary>Nothing could be verified, so nothing was produced or counted as rejected.</summary>
    public static BatchOutcome Unavailable { get; } = new(0, 0, 0, Durable: false);
}
