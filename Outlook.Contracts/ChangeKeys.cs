using System.Security.Cryptography;
using System.Text;

namespace Outlook.Contracts;

/// <summary>
/// Derives <see cref="NotificationRecord.ChangeKey"/>: equal for every delivery of one change,
/// whichever subscription or catch-up found it, and different for two changes of one item.
/// </summary>
public static class ChangeKeys
{
    /// <summary>
    /// Key of a message change. Graph's notification id is optional and differs per subscription,
    /// so the key is built from the item itself: its id, the change type and its etag (Outlook's
    /// change key, which every modification replaces). A delete carries no etag and happens once.
    /// </summary>
    public static string ForMessage(string tenantId, string mailboxId, string messageId, string changeType, string? etag) =>
        Hash("message", tenantId, mailboxId.ToLowerInvariant(), messageId, changeType.ToLowerInvariant(), etag ?? "");

    /// <summary>Key of a folder or rule change; <paramref name="version"/> is whatever changes when the item does (etag, or a hash of its state).</summary>
    public static string ForItem(string kind, string tenantId, string mailboxId, string itemId, string changeType, string version) =>
        Hash(kind, tenantId, mailboxId.ToLowerInvariant(), itemId, changeType.ToLowerInvariant(), version);

    /// <summary>Key of a lifecycle notification: one per subscription, event and expiry announced.</summary>
    public static string ForLifecycle(string tenantId, string subscriptionId, string lifecycleEvent, string? subscriptionExpiration) =>
        Hash("lifecycle", tenantId, subscriptionId, lifecycleEvent, subscriptionExpiration ?? "");

    private static string Hash(params string[] parts)
    {
        // A unit separator cannot occur in ids, so distinct part lists never join to one string.
        var joined = string.Join('\u001f', parts);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(joined));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
