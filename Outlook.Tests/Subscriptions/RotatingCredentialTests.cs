using Azure.Core;
using Azure.Identity;
using Outlook.ServiceDefaults.Graph;

namespace Outlook.Tests.Subscriptions;

public sealed class RotatingCredentialTests
{
    private static readonly TokenRequestContext Request = new(["https://graph.microsoft.com/.default"]);

    [Fact]
    public async Task Credential_NewSecretRejected_UsesOld()
    {
        var rotating = new RotatingCredential(new ScriptedCredential(fails: true, "new"), new ScriptedCredential(fails: false, "old"));

        var token = await rotating.GetTokenAsync(Request, CancellationToken.None);

        Assert.Equal("old", token.Token);
        Assert.True(rotating.HasFallback);
    }

    [Fact]
    public async Task Credential_NewSecretWorks_DropsOldOne()
    {
        var rotating = new RotatingCredential(new ScriptedCredential(fails: false, "new"), new ScriptedCredential(fails: false, "old"));

        var token = await rotating.GetTokenAsync(Request, CancellationToken.None);

        Assert.Equal("new", token.Token);
        Assert.False(rotating.HasFallback);
    }

    [Fact]
    public async Task Credential_NoFallback_Throws()
    {
        var rotating = new RotatingCredential(new ScriptedCredential(fails: true, "new"), previous: null);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => rotating.GetTokenAsync(Request, CancellationToken.None).AsTask());
    }

    [Fact]
    public void Credential_UnprovenCurrent_KeepsPrevious()
    {
        var old = new ScriptedCredential(fails: false, "old");

        var rotating = new RotatingCredential(new ScriptedCredential(fails: true, "new"), old);

        Assert.Same(old, rotating.LastKnownGood);
    }

    /// <summary>A credential that returns a fixed token or fails the way Entra rejection surfaces.</summary>
    private sealed class ScriptedCredential(bool fails, string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            fails ? throw new AuthenticationFailedException("rejected") : new AccessToken(token, DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
