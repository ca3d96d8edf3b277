using Microsoft.Extensions.Time.Testing;
using Outlook.Contracts;
using Outlook.Subscriptions.Storage;
using Outlook.Tests.Common;

namespace Outlook.Tests.Subscriptions;

public sealed class MailboxStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _tenantId = Guid.NewGuid().ToString();

    private MailboxStore Store => new(redis.Connection, _time);

    [Fact]
    public async Task Store_SavedSubscription_WritesHashTheWebhookReads()
    {
        var subscription = new SubscriptionRecord("sub-1-" + _tenantId, "/users/U1/messages", "client-state-value", Start.AddDays(7));

        await Store.SaveSubscriptionAsync(_tenantId, "U1", subscription, replacedId: null);

        var hash = (await redis.Connection.GetDatabase().HashGetAllAsync(RedisKeys.Subscription(subscription.Id)))
            .ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString());
        Assert.Equal(_tenantId, hash["tenantId"]);
        Assert.Equal("u1", hash["mailboxId"]);
        Assert.Equal("client-state-value", hash["clientState"]);
        Assert.Equal("2026-12-11T12:00:00.0000000Z", hash["expiresAt"]);
        Assert.Equal("/users/U1/messages", hash["resource"]);
    }

    [Fact]
    public async Task Store_ReplacedSubscription_DropsOldHash()
    {
        var oldId = "old-" + _tenantId;
        await Store.SaveSubscriptionAsync(_tenantId, "u1", new SubscriptionRecord(oldId, "/users/u1/messages", "a", Start.AddDays(7)), null);

        await Store.SaveSubscriptionAsync(_tenantId, "u1", new SubscriptionRecord("new-" + _tenantId, "/users/u1/messages", "b", Start.AddDays(7)), oldId);

        Assert.False(await redis.Connection.GetDatabase().KeyExistsAsync(RedisKeys.Subscription(oldId)));
        Assert.Equal("new-" + _tenantId, (await Store.GetStateAsync(_tenantId, "u1")).SubscriptionId);
    }

    [Fact]
    public async Task Store_DueRenewals_ListsOnlyExpiringBeforeLimit()
    {
        await Store.SaveSubscriptionAsync(_tenantId, "soon", new SubscriptionRecord("s-" + _tenantId, "r", "c", Start.AddHours(2)), null);
        await Store.SaveSubscriptionAsync(_tenantId, "later", new SubscriptionRecord("l-" + _tenantId, "r", "c", Start.AddDays(6)), null);

        var due = await Store.DueRenewalsAsync(_tenantId, Start.AddHours(12));

        Assert.Equal(["soon"], due);
    }

    [Fact]
    public async Task Store_NewMailbox_IsUnsubscribedUntilSaved()
    {
        await Store.AddMailboxAsync(_tenantId, "a");
        await Store.AddMailboxAsync(_tenantId, "b");
        await Store.SaveSubscriptionAsync(_tenantId, "a", new SubscriptionRecord("a-" + _tenantId, "r", "c", Start.AddDays(6)), null);

        Assert.Equal(["b"], await Store.UnsubscribedMailboxesAsync(_tenantId));
    }

    [Fact]
    public async Task Store_RemovedMailbox_LeavesNoSubscriptionHash()
    {
        var subscriptionId = "gone-" + _tenantId;
        await Store.AddMailboxAsync(_tenantId, "leaver");
        await Store.SaveSubscriptionAsync(_tenantId, "leaver", new SubscriptionRecord(subscriptionId, "r", "c", Start.AddDays(6)), null);

        await Store.RemoveMailboxAsync(_tenantId, "leaver", subscriptionId);

        Assert.False(await Store.IsWatchedAsync(_tenantId, "leaver"));
        Assert.False(await redis.Connection.GetDatabase().KeyExistsAsync(RedisKeys.Subscription(subscriptionId)));
        Assert.Empty(await Store.DueRenewalsAsync(_tenantId, Start.AddYears(1)));
    }

    [Fact]
    public async Task Store_SilentMailbox_IsListedAfterThreshold()
    {
        await Store.AddMailboxAsync(_tenantId, "busy");
        await Store.AddMailboxAsync(_tenantId, "quiet");
        await Store.RecordActivityAsync(_tenantId, [KeyValuePair.Create("busy", Start.ToUnixTimeMilliseconds())]);

        var silent = await Store.SilentMailboxesAsync(_tenantId, Start.AddHours(-1));

        Assert.Equal(["quiet"], silent);
    }

    [Fact]
    public async Task Store_ResyncRequest_IsTakenOnce()
    {
        await Store.RequestResyncAsync(_tenantId, "U9");

        Assert.Equal(["u9"], await Store.TakeResyncRequestsAsync(_tenantId));
        Assert.Empty(await Store.TakeResyncRequestsAsync(_tenantId));
    }
}
