using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Outlook.AppHost.Tenancy;

/// <summary>A certificate written to disk for one AppHost run: the PFX with its password, the public .cer, and its thumbprint.</summary>
internal sealed record CertificateFiles(string PfxPath, string Password, string CerPath, string Thumbprint);

/// <summary>
/// Creates the self-signed certificates an emulated tenant needs: TLS for the emulator (the
/// Entra token endpoint must be https), and the key pair rich notifications are encrypted to.
/// </summary>
internal static class DevelopmentCertificates
{
    public static CertificateFiles CreateTls(string directory) =>
        Create(directory, "emulator-tls", "CN=localhost", request =>
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        });

    public static CertificateFiles CreateEncryption(string directory) =>
        Create(directory, "notification-encryption", "CN=Outlook connector notification encryption", _ => { });

    private static CertificateFiles Create(string directory, string fileName, string subject, Action<CertificateRequest> addExtensions)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        addExtensions(request);

        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

        var pfxPath = Path.Combine(directory, fileName + ".pfx");
        var cerPath = Path.Combine(directory, fileName + ".cer");
        File.WriteAllBytes(pfxPath, certificate.Export(X509ContentType.Pfx, password));
        File.WriteAllBytes(cerPath, certificate.Export(X509ContentType.Cert));
        return new CertificateFiles(pfxPath, password, cerPath, certificate.Thumbprint);
    }
}
