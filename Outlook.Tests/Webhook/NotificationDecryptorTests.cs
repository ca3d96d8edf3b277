using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outlook.Tests.Webhook.Support;
using Outlook.Webhook.Notifications;
using Outlook.Webhook.Options;
using Outlook.Webhook.Security;

namespace Outlook.Tests.Webhook;

public sealed class NotificationDecryptorTests : IDisposable
{
    private const string CertificateId = "webhook-tests-certificate";
    private const string Password = "test-password";

    private readonly X509Certificate2 _certificate = GraphEncryption.CreateCertificate();
    private readonly string _pfxPath;
    private readonly NotificationDecryptor _decryptor;

    public NotificationDecryptorTests()
    {
        _pfxPath = GraphEncryption.WritePfx(_certificate, Password);
        var options = new WebhookOptions();
        options.Decryption.Certificates.Add(new DecryptionCertificateOptions { Id = CertificateId, Path = _pfxPath, Password = Password });
        _decryptor = new NotificationDecryptor(Microsoft.Extensions.Options.Options.Create(options));
    }

    [Fact]
    public async Task Decryptor_GraphEncryptedContent_ReturnsResource()
    {
        var content = Encrypt(GraphSamples.Read("notification-message-rich-decrypted-resource.json"));

        var resource = await _decryptor.DecryptAsync(content);

        Assert.Equal("normal", resource.GetProperty("importance").GetString());
    }

    [Fact]
    public async Task Decryptor_SecondDecryption_StillHasItsCertificate()
    {
        await _decryptor.DecryptAsync(Encrypt("""{"id":"first"}"""));

        var second = await _decryptor.DecryptAsync(Encrypt("""{"id":"second"}"""));

        Assert.Equal("second", second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Decryptor_TamperedData_IsRejected()
    {
        var node = GraphEncryption.Encrypt("""{"id":"m1"}""", _certificate, CertificateId);
        GraphEncryption.Tamper(node);

        await Assert.ThrowsAsync<DecryptionException>(() => _decryptor.DecryptAsync(ToContent(node)));
    }

    [Fact]
    public async Task Decryptor_UnknownCertificate_IsRejected()
    {
        using var other = GraphEncryption.CreateCertificate("CN=someone-else");
        var content = ToContent(GraphEncryption.Encrypt("""{"id":"m1"}""", other, "another-id"));

        await Assert.ThrowsAsync<DecryptionException>(() => _decryptor.DecryptAsync(content));
    }

    [Fact]
    public async Task Decryptor_MissingSignature_IsRejected()
    {
        var content = Encrypt("""{"id":"m1"}""") with { DataSignature = null };

        await Assert.ThrowsAsync<DecryptionException>(() => _decryptor.DecryptAsync(content));
    }

    private EncryptedContent Encrypt(string json) => ToContent(GraphEncryption.Encrypt(json, _certificate, CertificateId));

    private static EncryptedContent ToContent(JsonObject node) =>
        node.Deserialize(WebhookJsonContext.Default.EncryptedContent)!;

    public void Dispose()
    {
        _decryptor.Dispose();
        _certificate.Dispose();
        File.Delete(_pfxPath);
    }
}
