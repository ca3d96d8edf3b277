namespace Outlook.GraphEmulator.Options;

/// <summary>Settings of the emulated tenant, bound from the "Emulator" section.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>Entra tenant id (GUID) of the emulated tenant.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Application (client) id that may request tokens.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Client secret the token endpoint accepts for <see cref="ClientId"/>.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// Certificate (.cer, .pem or .pfx) whose key may sign client assertions for <see cref="ClientId"/>;
    /// empty means only the client secret is accepted.
    /// </summary>
    public string ClientCertificatePath { get; set; } = "";

    /// <summary>Path of the gzip JSON-lines mail corpus; empty means no mailboxes from a corpus.</summary>
    public string CorpusPath { get; set; } = "";

    /// <summary>How many corpus seconds pass per real second during replay (1 = real time).</summary>
    public double TimeCompressionFactor { get; set; } = 100_000;

    /// <summary>Seed of every random choice (ids, generator actions), so runs repeat.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Longest real wait between two replayed records; null means no limit. A watchable pace
    /// needs a low factor, which would otherwise leave years-long gaps of the corpus as idle minutes.
    /// </summary>
    public TimeSpan? ReplayMaxWait { get; set; }

    /// <summary>Whether the corpus replay starts with the service.</summary>
    public bool ReplayAutoStart { get; set; }

    /// <summary>Maximum number of corpus mailboxes turned into users; 0 means all.</summary>
    public int MaxMailboxes { get; set; }

    /// <summary>Requests one mailbox may make per <see cref="RequestBudgetWindow"/> before 429.</summary>
    public int RequestBudget { get; set; } = 10_000;

    public TimeSpan RequestBudgetWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Concurrent requests per mailbox before 429; Outlook allows 4.</summary>
    public int MaxConcurrentRequestsPerMailbox { get; set; } = 4;

    /// <summary>Retry-After value sent with a 429, before its form is applied.</summary>
    public TimeSpan ThrottleRetryAfter { get; set; } = TimeSpan.FromSeconds(2.128);

    /// <summary>Maximum lifetime of a basic message subscription; Graph allows 10,080 minutes.</summary>
    public TimeSpan MaxSubscriptionLifetime { get; set; } = TimeSpan.FromMinutes(10_080);

    /// <summary>Maximum lifetime of a subscription that includes resource data; Graph allows 1,440 minutes.</summary>
    public TimeSpan MaxRichSubscriptionLifetime { get; set; } = TimeSpan.FromMinutes(1_440);

    public int MaxSubscriptionsPerMailbox { get; set; } = 1_000;

    /// <summary>How long before expiry a reauthorizationRequired lifecycle notification goes out.</summary>
    public TimeSpan ReauthorizationLeadTime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How often subscriptions are checked for expiry and reauthorization.</summary>
    public TimeSpan LifecycleCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time the notification endpoint has to respond to the validation request; Graph allows 10 s.</summary>
    public TimeSpan ValidationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A delivery slower than this counts as failed and is retried; Graph allows 3 s.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Delivery attempts per batch, the first included, before its items count as failed.</summary>
    public int DeliveryMaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; each further retry doubles it.</summary>
    public TimeSpan DeliveryInitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan DeliveryMaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Maximum notifications in one POST.</summary>
    public int MaxBatchSize { get; set; } = 50;

    /// <summary>How long a batch waits for more items before it is sent.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Maximum batches being delivered at once across all subscriptions.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>Items per page of a delta or list response.</summary>
    public int PageSize { get; set; } = 50;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3599);

    public TimeSpan ValidationTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
