namespace Outlook.Contracts;

/// <summary>Redis key layout shared by the services. Every key is prefixed so one Redis can serve several deployments.</summary>
public static class RedisKeys
{
    public const string Prefix = "outlook:";

    /// <summary>Hash of one Graph subscription: tenantId, mailboxId, clientState, expiresAt (ISO 8601), resource.</summary>
    public static string Subscription(string subscriptionId) => $"{Prefix}sub:{subscriptionId}";

    /// <summary>
    /// String the subscription manager sets once a tenant's subscription hashes are in Redis. Its
    /// absence means Redis lost that state (or the tenant was never seeded), so a subscription not
    /// found may still be ours.
    /// </summary>
    public static string StateMarker(string tenantId) => $"{Prefix}state:{tenantId.ToLowerInvariant()}";

    /// <summary>String set once a change has been produced to Kafka; its value is the produce time.</summary>
    public static string Dedup(string changeKey) => $"{Prefix}dedup:{changeKey}";

    /// <summary>Hash of one user: address, upn, tuid, displayName.</summary>
    public static string Identity(string tenantId, string userId) => $"{Prefix}identity:{tenantId}:{userId.ToLowerInvariant()}";

    /// <summary>String holding the stored @odata.deltaLink of one folder.</summary>
    public static string DeltaLink(string tenantId, string userId, string folderId) => $"{Prefix}delta:{tenantId}:{userId.ToLowerInvariant()}:{folderId}";

    /// <summary>String holding the last messageRules snapshot of a mailbox, as JSON.</summary>
    public static string RuleSnapshot(string tenantId, string userId) => $"{Prefix}rules:{tenantId}:{userId.ToLowerInvariant()}";

    /// <summary>Persona state of one user.</summary>
    public static string Persona(string tuid) => $"{Prefix}persona:{tuid}";
}
