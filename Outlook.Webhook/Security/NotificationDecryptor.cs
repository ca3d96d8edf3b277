using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Outlook.Webhook.Notifications;
using Outlook.Webhook.Options;

namespace Outlook.Webhook.Security;

/// <summary>
/// Decrypts a rich notification's encryptedContent with Microsoft.Graph's helper, which checks
/// the HMAC signature before it decrypts. Certificates are chosen by the encryptionCertificateId
/// Graph echoes, so a rotation can run with old and new certificates side by side.
/// </summary>
internal sealed class NotificationDecryptor : IDisposable
{
    private readonly List<(string Id, X509Certificate2 Certificate)> _certificates = [];

    public NotificationDecryptor(IOptions<WebhookOptions> options)
    {
        foreach (var entry in options.Value.Decryption.Certificates)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(entry.Path, entry.Password);
            _certificates.Add((entry.Id, certificate));
        }
    }

    /// <summary>Decrypts and parses the content; throws <see cref="DecryptionException"/> when it cannot.</summary>
    public async Task<JsonElement> DecryptAsync(EncryptedContent content)
    {
        if (content.Data is null || content.DataKey is null || content.DataSignature is null)
        {
            throw new DecryptionException("encryptedContent lacks data, dataKey or dataSignature");
        }

        var sdkContent = new ChangeNotificationEncryptedContent
        {
            Data = content.Data,
            DataKey = content.DataKey,
            DataSignature = content.DataSignature,
            EncryptionCertificateId = content.EncryptionCertificateId,
            EncryptionCertificateThumbprint = content.EncryptionCertificateThumbprint,
        };

        try
        {
            var json = await sdkContent.DecryptAsync((id, thumbprint) => Task.FromResult(CopyOf(Find(id, thumbprint))));
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is InvalidDataException or CryptographicException or FormatException or JsonException)
        {
            throw new DecryptionException($"encryptedContent could not be decrypted ({ex.GetType().Name})", ex);
        }
    }

    private X509Certificate2 Find(string? id, string? thumbprint)
    {
        foreach (var (certificateId, certificate) in _certificates)
        {
            if (string.Equals(certificateId, id, StringComparison.Ordinal)
                || string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                return certificate;
            }
        }

        throw new DecryptionException("no configured certificate matches the encryptionCertificateId or thumbprint");
    }

    // The SDK disposes the certificate it is given, so it gets a copy and ours stays usable.
    private static X509Certificate2 CopyOf(X509Certificate2 certificate) => new(certificate);

    public void Dispose()
    {
        foreach (var (_, certificate) in _certificates)
        {
            certificate.Dispose();
        }
    }
}

/// <summary>Thrown when a rich notification's content cannot be decrypted or verified.</summary>
internal sealed class DecryptionException(string message, Exception? inner = null) : Exception(message, inner);
