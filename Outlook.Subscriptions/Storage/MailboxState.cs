namespace Outlook.Subscriptions.Storage;

/// <summary>What the service stores about one mailbox's subscription.</summary>
public sealed record MailboxState(
    string TenantId,
    string MailboxId,
    string? SubscriptionId,
    DateTimeOffset? ExpiresAt,
    string State,
    DateTimeOffset? LastRenewedAt,
    DateTimeOffset? LastCatchUpAt,
    string? LastError);

/// <summary>Values of <see cref="MailboxState.State"/>.</summary>
public static class MailboxStates
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Failed = "failed";
}
