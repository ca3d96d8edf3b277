using System.Text.Json;

namespace Outlook.Contracts;

/// <summary>
/// One record on <see cref="Topics.Notifications"/>: a change the connector learned of, from a
/// webhook notification or from the subscription manager's delta, folder and rule polling.
/// Keyed by <see cref="PartitionKey"/> so one mailbox's records stay in order.
/// </summary>
public sealed record NotificationRecord
{
    /// <summary>One of <see cref="RecordKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>One of <see cref="RecordOrigins"/>.</summary>
    public required string Origin { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The mailbox owner's Entra object id (or the address when Graph named the mailbox by address).</summary>
    public required string MailboxId { get; init; }

    public string? SubscriptionId { get; init; }

    /// <summary>created, updated or deleted; null for lifecycle records.</summary>
    public string? ChangeType { get; init; }

    /// <summary>The Graph resource path as received, for diagnostics.</summary>
    public string? Resource { get; init; }

    /// <summary>Message, folder or rule id.</summary>
    public string? ResourceId { get; init; }

    /// <summary>reauthorizationRequired, subscriptionRemoved or missed, for lifecycle records.</summary>
    public string? LifecycleEvent { get; init; }

    /// <summary>When the connector received or found the change.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// Metadata of the resource when it came with the change (rich notification, delta page,
    /// folder or rule poll). Never contains subject, body, preview or attachment content:
    /// producers strip those fields before the record is built.
    /// </summary>
    public JsonElement? ResourceData { get; init; }

    /// <summary>The key that identifies this change for deduplication; equal for redeliveries.</summary>
    public required string ChangeKey { get; init; }

    /// <summary>The Kafka key for a mailbox: tenant and mailbox, so a mailbox maps to one partition.</summary>
    public static string PartitionKey(string tenantId, string mailboxId) =>
        string.Concat(tenantId, "/", mailboxId.ToLowerInvariant());
}
