
namespace Outlook.Webhook;

/// <summary>Log messages of the webhook. None carries a payload, token or clientState.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Returned the validation token of a subscription handshake on {Path}")]
    public static partial void ValidationTokenReturned(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rejected a request on {Path}: {Problem}")]
    public static partial void RequestRejected(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Rejected notification for subscription {SubscriptionId}: {Reason} ({Suppressed} similar warnings suppressed)")]
    public static partial void NotificationRejected(ILogger logger, string? subscriptionId, string reason, long suppressed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Processed {Received} notifications: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    public static partial void BatchProcessed(ILogger logger, int received, int accepted, int duplicates, int rejected);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Kafka did not acknowledge {Count} notifications within {Timeout}, responding 503 so that Graph retries")]
    public static partial void ProduceFailed(ILogger logger, int count, TimeSpan timeout, Exception? exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Redis deduplication is unavailable; producing without it, so duplicates may reach Kafka ({Suppressed} similar warnings suppressed)")]
    public static partial void DedupUnavailable(ILogger logger, long suppressed, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "Redis did not return subscription secrets and memory does not contain them all, responding 503 so that Graph retries ({Suppressed} similar warnings suppressed)")]
    public static partial void SubscriptionLookupFailed(ILogger logger, long suppressed, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "A notification names a subscription missing from Redis while its tenant's state marker is missing too, so Redis lost the subscription state; responding 503 so that Graph retries ({Suppressed} similar warnings suppressed)")]
    public static partial void SubscriptionStateLost(ILogger logger, long suppressed);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning,
        Message = "Signing keys for validation tokens could not be fetched, responding 503 so that Graph retries ({Suppressed} similar warnings suppressed)")]
    public static partial void SigningKeysUnavailable(ILogger logger, long suppressed, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Rich notifications disabled: no signing keys are configured under Webhook:ValidationTokens")]
    public static partial void RichNotificationsDisabled(ILogger logger);
}
