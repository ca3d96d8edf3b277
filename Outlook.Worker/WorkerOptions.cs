namespace Outlook.Worker;

/// <summary>Settings of the normaliser worker, bound from the "Worker" section.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Kafka consumer group of every worker instance.</summary>
    public string GroupId { get; set; } = "outlook-worker";

    /// <summary>
    /// Maximum unfinished records across all partitions. The consumer pauses at this bound and
    /// resumes at half of it. A backlog over 1,000 mailboxes drained at 1,040 events/s with 1,000
    /// and at 2,940 with 3,000, because mailbox batches grow (peak RSS 198 and 227 MB).
    /// </summary>
    public int MaxPendingRecords { get; set; } = 3000;

    /// <summary>Maximum records of one mailbox processed as one group (fetched together, published in order).</summary>
    public int MailboxBatchSize { get; set; } = 20;

    /// <summary>Maximum concurrent Graph requests per mailbox; Outlook allows 4 per app per mailbox.</summary>
    public int MaxGraphRequestsPerMailbox { get; set; } = 4;

    /// <summary>Attempts per message fetch before the record is dead-lettered (throttling, 5xx, network errors).</summary>
    public int MaxFetchAttempts { get; set; } = 6;

    /// <summary>Longest Retry-After the worker waits for; a longer one dead-letters the record rather than retrying early.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First backoff after a failure that came without Retry-After; doubled per attempt.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a revoked partition's in-flight records may take to finish before their offsets are given up.</summary>
    public TimeSpan RevokeDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often consumer lag is refreshed from the broker's watermarks.</summary>
    public TimeSpan LagRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
