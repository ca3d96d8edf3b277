using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Outlook.GraphEmulator.Notifications;

/// <summary>
/// Encrypts resource data as Graph does for rich notifications. The data is encrypted with a random
/// AES-256 key (CBC, PKCS7 padding, the first 16 key bytes as IV) and signed with HMAC-SHA256
/// under the same key. The key itself is wrapped with RSA-OAEP (SHA-1) under the subscriber's certificate.
/// </summary>
public static class NotificationEncryptor
{
    public static JsonObject Encrypt(string plaintext, X509Certificate2 certificate, string? certificateId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var aes = Aes.Create();
        aes.Key = key;
        var data = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), key.AsSpan(0, 16), PaddingMode.PKCS7);
        var signature = HMACSHA256.HashData(key, data);

        using var rsa = certificate.GetRSAPublicKey()
            ?? throw new InvalidOperationException($"Certificate {certificate.Thumbprint} has no RSA public key.");
        var dataKey = rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA1);

        return new JsonObject
        {
            ["data"] = Convert.ToBase64String(data),
            ["dataKey"] = Convert.ToBase64String(dataKey),
            ["dataSignature"] = Convert.ToBase64String(signature),
            ["encryptionCertificateId"] = certificateId,
            ["encryptionCertificateThumbprint"] = certificate.Thumbprint,
        };
    }
}
