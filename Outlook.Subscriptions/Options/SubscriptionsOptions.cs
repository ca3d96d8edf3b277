namespace Outlook.Subscriptions.Options;

/// <summary>Settings of the subscription manager, bound from the "Subscriptions" section.</summary>
public sealed class SubscriptionsOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>Webhook address Graph posts change notifications to (https, or http on localhost).</summary>
    public Uri? NotificationUrl { get; set; }

    /// <summary>Webhook address Graph posts lifecycle notifications to.</summary>
    public Uri? LifecycleNotificationUrl { get; set; }

    /// <summary>Key that callers of the management API send in X-Api-Key or as a bearer token. Unset disables the API.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Maximum subscription lifetime Graph grants for Outlook messages.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(10_080);

    /// <summary>Subtracted from the maximum lifetime so clock skew never makes Graph reject the expiry.</summary>
    public TimeSpan LifetimeSafetyMargin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A subscription is renewed once less than this remains before it expires (capped at half its lifetime).</summary>
    public TimeSpan RenewalMargin { get; set; } = TimeSpan.FromHours(12);

    public RichNotificationOptions RichNotifications { get; set; } = new();

    /// <summary>How often the leader of a tenant looks for due renewals, polls and sweeps.</summary>
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often users are listed to add and remove mailboxes.</summary>
    public TimeSpan UserSyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each mailbox's inbox rules are polled.</summary>
    public TimeSpan RulePollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A mailbox with no record on the notifications topic for this long gets a delta sweep.</summary>
    public TimeSpan SilenceThreshold { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often the leader of a tenant checks, between cycles, that Redis still contains the tenant's state marker.</summary>
    public TimeSpan StateCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far back the mailboxes are resynced after Redis lost the state, when this process started
    /// after the loss and so cannot tell when it happened. Otherwise the resync starts at the
    /// process's last check that found the state whole.
    /// </summary>
    public TimeSpan StateLossResyncWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a dedup key lives after a record is produced.</summary>
    public TimeSpan DedupTtl { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Lifetime of the per-tenant leadership lease; it is renewed at a third of this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time one replica holds a mailbox while creating, renewing or catching it up.</summary>
    public TimeSpan MailboxLockDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Concurrent Graph requests per mailbox; Outlook allows 4 per app per mailbox.</summary>
    public int MailboxConcurrency { get; set; } = 4;

    /// <summary>Concurrent Graph requests per tenant.</summary>
    public int TenantConcurrency { get; set; } = 32;

    /// <summary>Mailboxes worked on in parallel by one tenant cycle.</summary>
    public int MailboxParallelism { get; set; } = 16;

    /// <summary>Subscription creates and renewals allowed per <see cref="SubscriptionWriteWindow"/> per tenant.</summary>
    public int SubscriptionWritesPerWindow { get; set; } = 500;

    public TimeSpan SubscriptionWriteWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First wait after a 429 or 503 that carries no Retry-After; doubled per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Optional JSON file mapping a user id or address to the TUID the identity map should use.</summary>
    public string? IdentityMapPath { get; set; }

    /// <summary>Message fields requested by delta catch-up; never subject, body, bodyPreview or uniqueBody.</summary>
    public string[] DeltaSelect { get; set; } =
    [
        "id", "createdDateTime", "lastModifiedDateTime", "receivedDateTime", "sentDateTime", "changeKey",
        "from", "sender", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "internetMessageId",
        "conversationId", "parentFolderId", "isRead", "isDraft", "importance", "flag", "hasAttachments",
        "categories", "inferenceClassification",
    ];
}
