using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Outlook.Tests.Webhook.Support;

/// <summary>Encrypts resource data the way Graph does for rich notifications, and makes the certificates for it.</summary>
internal static class GraphEncryption
{
    public static X509Certificate2 CreateCertificate(string subject = "CN=outlook-webhook-tests")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    /// <summary>Writes the certificate with its private key to a temporary .pfx file and returns its path.</summary>
    public static string WritePfx(X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(Path.GetTempPath(), $"outlook-webhook-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>
    /// Builds encryptedContent: a random 32-byte key wrapped with RSA-OAEP (SHA-1), the data
    /// AES-CBC encrypted with IV = the key's first 16 bytes, and an HMAC-SHA256 of the
    /// encrypted bytes under the same key.
    /// </summary>
    public static JsonObject Encrypt(string json, X509Certificate2 certificate, string certificateId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var rsa = certificate.GetRSAPublicKey()!;
        using var aes = Aes.Create();
        aes.Key = key;
        var encrypted = aes.EncryptCbc(Encoding.UTF8.GetBytes(json), key.AsSpan(0, 16), PaddingMode.PKCS7);

        return new JsonObject
        {
            ["data"] = Convert.ToBase64String(encrypted),
            ["dataKey"] = Convert.ToBase64String(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA1)),
            ["dataSignature"] = Convert.ToBase64String(HMACSHA256.HashData(key, encrypted)),
            ["encryptionCertificateId"] = certificateId,
            ["encryptionCertificateThumbprint"] = certificate.Thumbprint,
        };
    }

    /// <summary>Flips one byte of the encrypted data while keeping it valid base64.</summary>
    public static void Tamper(JsonObject encryptedContent)
    {
        var data = Convert.FromBase64String(encryptedContent["data"]!.GetValue<string>());
        data[^1] ^= 0x01;
        encryptedContent["data"] = Convert.ToBase64String(data);
    }
}
