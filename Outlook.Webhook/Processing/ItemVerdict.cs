using Outlook.Contracts;

namespace Outlook.Webhook.Processing;

/// <summary>The result of checking one notification: a record to produce, or the reason it was rejected.</summary>
internal readonly record struct ItemVerdict(NotificationRecord? Record, string? RejectReason, string? SubscriptionId)
{
    public static ItemVerdict Accept(NotificationRecord record) => new(record, null, record.SubscriptionId);

    public static ItemVerdict Reject(string reason, string? subscriptionId) => new(null, reason, subscriptionId);
}
