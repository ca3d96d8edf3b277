using Outlook.Contracts;

namespace Outlook.Subscriptions.Storage;

/// <summary>Redis keys only the subscription manager reads and writes, beside the shared <see cref="RedisKeys"/>.</summary>
public static class SubscriptionKeys
{
    private const string Prefix = RedisKeys.Prefix + "subs:";

    /// <summary>Sorted set (all scores 0, so ordered by id) of the mailbox ids watched in a tenant.</summary>
    public static string Mailboxes(string tenantId) => $"{Prefix}mailboxes:{tenantId}";

    /// <summary>Hash of one mailbox: subscriptionId, expiresAt, state, lastRenewedAt, lastCatchUpAt, lastError.</summary>
    public static string Mailbox(string tenantId, string mailboxId) => $"{Prefix}mailbox:{tenantId}:{mailboxId.ToLowerInvariant()}";

    /// <summary>Sorted set of mailbox ids scored by subscription expiry (Unix ms), to find due renewals.</summary>
    public static string Expiries(string tenantId) => $"{Prefix}expiries:{tenantId}";

    /// <summary>Sorted set of mailbox ids scored by the next inbox rule poll (Unix ms).</summary>
    public static string RulePolls(string tenantId) => $"{Prefix}rulepolls:{tenantId}";

    /// <summary>Hash of mailbox id to the last time (Unix ms) a record of that mailbox was seen on the notifications topic or a sweep ran.</summary>
    public static string Activity(string tenantId) => $"{Prefix}activity:{tenantId}";

    /// <summary>Set of mailbox ids with a forced resync requested through the management API.</summary>
    public static string ResyncRequests(string tenantId) => $"{Prefix}resync:{tenantId}";

    /// <summary>Hash of folder id to its last known state (JSON with displayName and parentFolderId).</summary>
    public static string Folders(string tenantId, string mailboxId) => $"{Prefix}folders:{tenantId}:{mailboxId.ToLowerInvariant()}";

    /// <summary>String holding the mailFolders/delta link of a mailbox.</summary>
    public static string FolderDeltaLink(string tenantId, string mailboxId) => $"{Prefix}folderdelta:{tenantId}:{mailboxId.ToLowerInvariant()}";

    /// <summary>Hash of folder id to when its message delta last reached a deltaLink (Unix ms).</summary>
    public static string DeltaSyncedAt(string tenantId, string mailboxId) => $"{Prefix}deltasynced:{tenantId}:{mailboxId.ToLowerInvariant()}";

    /// <summary>Hash of mailbox id to the time (Unix ms) from which it must be resynced because Redis lost its state.</summary>
    public static string StateResyncs(string tenantId) => $"{Prefix}stateresync:{tenantId}";

    /// <summary>Leadership lease of a tenant: the holder schedules its renewals, polls and sweeps.</summary>
    public static string TenantLease(string tenantId) => $"{Prefix}lease:{tenantId}";

    /// <summary>Short lock held while one replica creates, renews or catches up one mailbox.</summary>
    public static string MailboxLock(string tenantId, string mailboxId) => $"{Prefix}lock:{tenantId}:{mailboxId.ToLowerInvariant()}";
}
