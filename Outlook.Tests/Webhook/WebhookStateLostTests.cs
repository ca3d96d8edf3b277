using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Outlook.Contracts;
using Outlook.Tests.Webhook.Support;

namespace Outlook.Tests.Webhook;

/// <summary>A webhook host of its own, because these tests delete the tenant's state marker.</summary>
public sealed class StateLostFixture : WebhookHostFixture;

public sealed class WebhookStateLostTests(StateLostFixture host) : IClassFixture<StateLostFixture>
{
    [Fact]
    public async Task Webhook_UnknownSubscriptionWhileStateLost_Answers503()
    {
        var mailbox = Notifications.NewId("mailbox");
        await host.Database.KeyDeleteAsync(RedisKeys.StateMarker(WebhookHostFixture.TenantId));
        try
        {
            using var response = await host.PostAsync(Notifications.Collection(
                Notifications.Message(Notifications.NewId("lost"), "state", mailbox, "during-loss")));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.DoesNotContain(host.ReadRecords(), record => record.Record.MailboxId == mailbox);
        }
        finally
        {
            await host.Database.StringSetAsync(RedisKeys.StateMarker(WebhookHostFixture.TenantId), "1");
        }
    }

    [Fact]
    public async Task Webhook_UnknownSubscriptionWithMarker_IsRejectedWith202()
    {
        var mailbox = Notifications.NewId("mailbox");
        await host.Database.StringSetAsync(RedisKeys.StateMarker(WebhookHostFixture.TenantId), "1");

        using var response = await host.PostAsync(Notifications.Collection(
            Notifications.Message(Notifications.NewId("foreign"), "state", mailbox, "foreign")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, summary!["rejected"]!.GetValue<int>());
    }

    [Fact]
    public async Task Webhook_UnwatchedTenantWhileStateLost_IsRejectedWith202()
    {
        var mailbox = Notifications.NewId("mailbox");
        var item = Notifications.Message(Notifications.NewId("other-tenant"), "state", mailbox, "other-tenant");
        item["tenantId"] = "00000000-0000-0000-0000-00000000beef";
        await host.Database.KeyDeleteAsync(RedisKeys.StateMarker(WebhookHostFixture.TenantId));
        try
        {
            using var response = await host.PostAsync(Notifications.Collection(item));

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        finally
        {
            await host.Database.StringSetAsync(RedisKeys.StateMarker(WebhookHostFixture.TenantId), "1");
        }
    }

    [Fact]
    public async Task Webhook_KnownSubscriptionWhileStateLost_IsProduced()
    {
        var subscriptionId = Notifications.NewId("known");
        var mailbox = Notifications.NewId("mailbox");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        await host.Database.KeyDeleteAsync(RedisKeys.StateMarker(WebhookHostFixture.TenantId));
        try
        {
            using var response = await host.PostAsync(Notifications.Collection(
                Notifications.Message(subscriptionId, "state", mailbox, "known")));

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var produced = host.ReadRecords().Where(record => record.Record.MailboxId == mailbox).Select(record => record.Record.ResourceId);
            Assert.Equal(["known"], produced);
        }
        finally
        {
            await host.Database.StringSetAsync(RedisKeys.StateMarker(WebhookHostFixture.TenantId), "1");
        }
    }
}
