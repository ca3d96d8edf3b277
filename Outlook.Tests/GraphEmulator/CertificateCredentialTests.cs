using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Identity.Client;
using Outlook.ServiceDefaults.Graph;

namespace Outlook.Tests.GraphEmulator;

/// <summary>An emulator that accepts client assertions signed by one registered certificate.</summary>
public sealed class CertificateEmulatorFixture : IAsyncLifetime
{
    private string _cerPath = "";

    internal EmulatorInstance Emulator { get; private set; } = null!;

    internal X509Certificate2 ClientCertificate { get; } = TestCertificates.CreateEncryptionCertificate();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(EmulatorFixture.StartTimeout);
        _cerPath = Path.Combine(Path.GetTempPath(), $"emulator-client-{Guid.NewGuid():N}.cer");
        await File.WriteAllBytesAsync(_cerPath, ClientCertificate.Export(X509ContentType.Cert), timeout.Token);
        Emulator = await EmulatorInstance.StartAsync(new Dictionary<string, string?> { ["ClientCertificatePath"] = _cerPath }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        ClientCertificate.Dispose();
        File.Delete(_cerPath);
    }
}

public sealed class CertificateCredentialTests(CertificateEmulatorFixture fixture) : IClassFixture<CertificateEmulatorFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ClientCertificate_Registered_GetsToken()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);

        var token = await Credential(fixture.ClientCertificate).GetTokenAsync(
            new TokenRequestContext(["https://graph.microsoft.com/.default"]), timeout.Token);

        Assert.False(string.IsNullOrEmpty(token.Token));
    }

    [Fact]
    public async Task ClientCertificate_Unregistered_FailsWithInvalidClient()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using var other = TestCertificates.CreateEncryptionCertificate();

        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() => Credential(other).GetTokenAsync(
            new TokenRequestContext(["https://graph.microsoft.com/.default"]), timeout.Token).AsTask());

        var inner = Assert.IsType<MsalServiceException>(exception.InnerException);
        Assert.Equal("invalid_client", inner.ErrorCode);
    }

    private ClientCertificateCredential Credential(X509Certificate2 certificate) => new(
        EmulatorInstance.TenantId,
        EmulatorInstance.ClientId,
        certificate,
        new ClientCertificateCredentialOptions
        {
            AuthorityHost = new Uri(fixture.Emulator.BaseUrl + "/"),
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(GraphClientProvider.CreateTrustingHandler(fixture.Emulator.Thumbprint)),
        });
}
