using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Outlook.ServiceDefaults.Graph;
using Outlook.Tests.Common;
using Outlook.Tests.Webhook.Support;
using Outlook.Webhook.Options;
using Outlook.Webhook.Security;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Outlook.Tests.Webhook;

public sealed class ValidationTokenValidatorTests : IDisposable
{
    private const string TenantId = "84bd8158-6d4d-4958-8b9f-9d6445542f95";
    private const string ClientId = "8e460676-ae3f-4b1e-8790-ee0fb5d6148f";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private readonly ValidationTokens _tokens = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    [Fact]
    public async Task TokenValidator_ValidV1Token_TrustsTenant()
    {
        var check = await Validate(_tokens.Issue(TenantId, ClientId));

        Assert.True(check.Trusts(TenantId), check.Failure);
    }

    [Fact]
    public async Task TokenValidator_ValidV2Token_TrustsTenant()
    {
        var check = await Validate(_tokens.Issue(TenantId, ClientId, publisherClaim: "azp"));

        Assert.True(check.Trusts(TenantId), check.Failure);
    }

    [Fact]
    public async Task TokenValidator_ExpiredToken_IsRejected()
    {
        var check = await Validate(_tokens.Issue(TenantId, ClientId, expiresIn: TimeSpan.FromHours(-1)));

        Assert.NotNull(check.Failure);
    }

    [Fact]
    public async Task TokenValidator_ForgedSignature_IsRejected()
    {
        using var forger = new ValidationTokens();

        var check = await Validate(forger.Issue(TenantId, ClientId));

        Assert.NotNull(check.Failure);
    }

    [Fact]
    public async Task TokenValidator_OtherPublisher_IsRejected()
    {
        var check = await Validate(_tokens.Issue(TenantId, ClientId, publisher: Guid.NewGuid().ToString()));

        Assert.NotNull(check.Failure);
    }

    [Fact]
    public async Task TokenValidator_OtherAudience_IsRejected()
    {
        var check = await Validate(_tokens.Issue(TenantId, Guid.NewGuid().ToString()));

        Assert.NotNull(check.Failure);
    }

    [Fact]
    public async Task TokenValidator_UnknownTenant_IsRejected()
    {
        var check = await Validate(_tokens.Issue(Guid.NewGuid().ToString(), ClientId));

        Assert.NotNull(check.Failure);
    }

    [Fact]
    public async Task TokenValidator_OneBadTokenAmongGood_RejectsAll()
    {
        using var forger = new ValidationTokens();

        var check = await Validate(_tokens.Issue(TenantId, ClientId), forger.Issue(TenantId, ClientId));

        Assert.False(check.Trusts(TenantId));
    }

    [Fact]
    public async Task TokenValidator_NoTokens_IsRejected()
    {
        var check = await Validate();

        Assert.NotNull(check.Failure);
    }

    [Fact]
    public async Task TokenValidator_KeysFromJwksUrl_TrustsTenant()
    {
        var port = LoopbackPorts.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = ServeOnceAsync(listener, _tokens.Jwks());
        var options = new WebhookOptions();
        options.ValidationTokens.JwksUrl = new Uri($"http://127.0.0.1:{port}/keys");

        var check = await Validate(options, _tokens.Issue(TenantId, ClientId));

        Assert.True(check.Trusts(TenantId), check.Failure);
        await serving.WaitAsync(RequestTimeout);
    }

    [Fact]
    public async Task TokenValidator_JwksUrlUnreachable_ThrowsForRetry()
    {
        var options = new WebhookOptions();
        options.ValidationTokens.JwksUrl = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/keys");

        await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => Validate(options, _tokens.Issue(TenantId, ClientId)));
    }

    private static async Task ServeOnceAsync(HttpListener listener, string jwks)
    {
        var context = await listener.GetContextAsync();
        context.Response.ContentType = "application/json";
        var body = Encoding.UTF8.GetBytes(jwks);
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private Task<TokenCheck> Validate(params string[] tokens)
    {
        var options = new WebhookOptions();
        options.ValidationTokens.Jwks = _tokens.Jwks();
        return Validate(options, tokens);
    }

    private Task<TokenCheck> Validate(WebhookOptions options, params string[] tokens)
    {
        var tenants = new TenantsOptions();
        tenants.Tenants.Add(new TenantOptions { TenantId = TenantId, ClientId = ClientId });

        var keys = new SigningKeyProvider(MsOptions.Create(options), _services.GetRequiredService<IHttpClientFactory>());
        var validator = new ValidationTokenValidator(keys, MsOptions.Create(options), MsOptions.Create(tenants));
        return validator.ValidateAsync(tokens, CancellationToken.None);
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _services.Dispose();
    }
}
