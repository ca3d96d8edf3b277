using Outlook.Webhook.Options;

namespace Outlook.Tests.Webhook;

public sealed class WebhookOptionsValidatorTests
{
    private readonly WebhookOptionsValidator _validator = new();

    [Fact]
    public void WebhookOptions_Defaults_AreValid()
    {
        Assert.True(_validator.Validate(null, new WebhookOptions()).Succeeded);
    }

    [Fact]
    public void WebhookOptions_EveryBadKey_IsNamed()
    {
        var options = new WebhookOptions
        {
            MaxRequestBodyBytes = 0,
            MaxNotificationsPerRequest = -1,
            MaxJsonDepth = 1,
            ProduceTimeout = TimeSpan.FromSeconds(5),
            DedupTimeToLive = TimeSpan.FromHours(1),
        };
        options.Decryption.Certificates.Add(new DecryptionCertificateOptions { Id = "", Path = "/nonexistent/cert.pfx" });
        options.ValidationTokens.Jwks = "not json";

        var failure = _validator.Validate(null, options).FailureMessage;

        Assert.Contains("Webhook:MaxRequestBodyBytes", failure);
        Assert.Contains("Webhook:MaxNotificationsPerRequest", failure);
        Assert.Contains("Webhook:MaxJsonDepth", failure);
        Assert.Contains("Webhook:ProduceTimeout", failure);
        Assert.Contains("Webhook:DedupTimeToLive", failure);
        Assert.Contains("Webhook:Decryption:Certificates:0:Id", failure);
        Assert.Contains("Webhook:Decryption:Certificates:0:Path", failure);
        Assert.Contains("Webhook:ValidationTokens:Jwks", failure);
    }

    [Fact]
    public void WebhookOptions_RedisTimeoutBreakingDeadline_IsNamed()
    {
        var options = new WebhookOptions { RedisTimeout = TimeSpan.FromMilliseconds(400) };

        var failure = _validator.Validate(null, options).FailureMessage;

        Assert.Contains("Webhook:RedisTimeout", failure);
    }
}
