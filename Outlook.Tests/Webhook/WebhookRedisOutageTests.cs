using System.Net;
using Outlook.Tests.Webhook.Support;

namespace Outlook.Tests.Webhook;

/// <summary>A webhook host of its own, because these tests stop its Redis.</summary>
public sealed class RedisOutageFixture : WebhookHostFixture;

public sealed class WebhookRedisOutageTests(RedisOutageFixture host) : IClassFixture<RedisOutageFixture>
{
    [Fact]
    public async Task Webhook_RedisDown_VerifiesKnownSubscriptionAndProduces()
    {
        var known = Notifications.NewId("known");
        var unseen = Notifications.NewId("unseen");
        await host.SeedSubscriptionAsync(known, "state");
        await host.SeedSubscriptionAsync(unseen, "state");
        var mailbox = Notifications.NewId("mailbox");
        using var beforeOutage = await host.PostAsync(Notifications.Collection(Notifications.Message(known, "state", mailbox, "before")));
        Assert.Equal(HttpStatusCode.Accepted, beforeOutage.StatusCode);

        await host.Redis.StopAsync();
        using var duringOutage = await host.PostAsync(Notifications.Collection(Notifications.Message(known, "state", mailbox, "during")));
        using var unseenDuringOutage = await host.PostAsync(Notifications.Collection(Notifications.Message(unseen, "state", mailbox, "unseen")));
        using var forgedDuringOutage = await host.PostAsync(Notifications.Collection(Notifications.Message(known, "forged", mailbox, "forged")));

        Assert.Equal(HttpStatusCode.Accepted, duringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unseenDuringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forgedDuringOutage.StatusCode);
        var produced = host.ReadRecords().Where(record => record.Record.MailboxId == mailbox).Select(record => record.Record.ResourceId);
        Assert.Equal(["before", "during"], produced);
    }
}
