using System.Security.Cryptography.X509Certificates;
using Outlook.GraphEmulator.Notifications;

namespace Outlook.GraphEmulator.Subscriptions;

/// <summary>A change-notification subscription on one mailbox's messages, optionally one folder.</summary>
public sealed class Subscription
{
    public required string Id { get; init; }

    /// <summary>The resource as the client wrote it, returned unchanged.</summary>
    public required string Resource { get; init; }

    public required string UserId { get; init; }

    /// <summary>The folder id the resource names, or null for all of the mailbox's messages.</summary>
    public string? FolderId { get; init; }

    /// <summary>Properties from the resource's $select, included in rich notifications.</summary>
    public IReadOnlyList<string>? Select { get; init; }

    public required string ChangeType { get; init; }

    public required IReadOnlySet<string> ChangeTypes { get; init; }

    public required string NotificationUrl { get; init; }

    public string? LifecycleNotificationUrl { get; init; }

    public string? ClientState { get; init; }

    public DateTimeOffset ExpirationDateTime { get; set; }

    public bool IncludeResourceData { get; init; }

    public string? EncryptionCertificate { get; init; }

    public string? EncryptionCertificateId { get; init; }

    /// <summary>The public certificate that wraps the content key of rich notifications.</summary>
    public X509Certificate2? Certificate { get; init; }

    public required string ApplicationId { get; init; }

    public required string CreatorId { get; init; }

    public string LatestSupportedTlsVersion { get; init; } = "v1_2";

    /// <summary>The expiration a reauthorizationRequired notification was last sent for.</summary>
    public DateTimeOffset? ReauthorizationAnnouncedFor { get; set; }

    /// <summary>Set while notifications are being dropped, so a missed notification follows.</summary>
    public bool MissedNotifications { get; set; }

    public DeliveryStatistics Statistics { get; } = new();

    public bool IsExpired(DateTimeOffset now) => ExpirationDateTime <= now;
}
