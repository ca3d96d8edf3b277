using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Outlook.Subscriptions.Options;

namespace Outlook.Subscriptions.Subscriptions;

/// <summary>Builds the subscription Graph is asked to create for a mailbox.</summary>
public sealed class SubscriptionRequestFactory(IOptions<SubscriptionsOptions> options)
{
    private readonly Lazy<string?> _encryptionCertificate = new(() => LoadCertificate(options.Value.RichNotifications));

    public const string ChangeTypes = "created,updated,deleted";

    /// <summary>Returns the resource path: the mailbox's messages, with a metadata-only $select for rich notifications.</summary>
    public string ResourceFor(string mailboxId)
    {
        var rich = options.Value.RichNotifications;
        var resource = $"/users/{mailboxId}/messages";
        return rich.Enabled ? $"{resource}?$select={rich.Select}" : resource;
    }

    public Subscription Create(string mailboxId, string clientState, DateTimeOffset expiresAt)
    {
        var settings = options.Value;
        var subscription = new Subscription
        {
            ChangeType = ChangeTypes,
            NotificationUrl = settings.NotificationUrl!.ToString(),
            LifecycleNotificationUrl = settings.LifecycleNotificationUrl!.ToString(),
            Resource = ResourceFor(mailboxId),
            ExpirationDateTime = expiresAt,
            ClientState = clientState,
        };

        if (settings.RichNotifications.Enabled)
        {
            subscription.IncludeResourceData = true;
            subscription.EncryptionCertificate = _encryptionCertificate.Value;
            subscription.EncryptionCertificateId = settings.RichNotifications.CertificateId;
        }

        return subscription;
    }

    // Graph wants the public certificate as base64 DER.
    private static string? LoadCertificate(RichNotificationOptions rich)
    {
        if (!rich.Enabled)
        {
            return null;
        }

        using var certificate = X509CertificateLoader.LoadCertificateFromFile(rich.CertificatePath!);
        return Convert.ToBase64String(certificate.Export(X509ContentType.Cert));
    }
}
