using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Outlook.Tests.Webhook.Support;

namespace Outlook.Tests.Webhook;

/// <summary>Checks that tokens, clientState and message content stay out of the webhook's logs.</summary>
public sealed class WebhookLoggingTests(WebhookHostFixture host) : IClassFixture<WebhookHostFixture>
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("/api/notifications")]
    [InlineData("/api/lifecycle")]
    public async Task Webhook_ValidationToken_IsNotLogged(string path)
    {
        var token = $"CANARY-TOKEN-{Guid.NewGuid():N}";
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var content = new StringContent("", Encoding.UTF8, "text/plain");

        using var response = await host.Client.PostAsync($"{path}?validationToken={token}", content, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), record => record.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_ItemCanaries_AreNotLogged()
    {
        var subscriptionId = Notifications.NewId("logging");
        await host.SeedSubscriptionAsync(subscriptionId, "expected-client-state");
        var canary = $"CANARY-{Guid.NewGuid():N}";
        var body = new JsonObject
        {
            ["value"] = new JsonArray(
                Item(subscriptionId, canary, $"good-{canary}"),
                Item(subscriptionId, "expected-client-state", "good-message")),
        };

        using var response = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), record => record.Message.Contains(canary, StringComparison.Ordinal));
    }

    private static JsonObject Item(string subscriptionId, string clientState, string subject) => new()
    {
        ["subscriptionId"] = subscriptionId,
        ["clientState"] = clientState,
        ["changeType"] = "created",
        ["resource"] = "Users/mailbox-from-subscription/Messages/logging-message",
        ["resourceData"] = new JsonObject { ["id"] = "logging-message", ["subject"] = subject, ["bodyPreview"] = subject },
        ["tenantId"] = WebhookHostFixture.TenantId,
    };
}
