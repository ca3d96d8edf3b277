namespace Outlook.GraphEmulator.Subscriptions;

/// <summary>The body of POST and PATCH /subscriptions; PATCH sends only the fields it changes.</summary>
public sealed record SubscriptionRequest(
    string? ChangeType,
    string? NotificationUrl,
    string? LifecycleNotificationUrl,
    string? Resource,
    DateTimeOffset? ExpirationDateTime,
    string? ClientState,
    bool? IncludeResourceData,
    string? EncryptionCertificate,
    string? EncryptionCertificateId,
    string? LatestSupportedTlsVersion);
