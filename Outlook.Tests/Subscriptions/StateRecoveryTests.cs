using Outlook.Contracts;
using Outlook.Subscriptions.Storage;
using Outlook.Tests.Common;
using StackExchange.Redis;

namespace Outlook.Tests.Subscriptions;

/// <summary>
/// The subscription manager in the AppHost losing every key it wrote, as when Redis restarts
/// without persistence. A test class of its own, because emptying Redis disturbs other tests.
/// </summary>
public sealed class StateRecoveryTests(SubscriptionsAppFixture fixture) : IClassFixture<SubscriptionsAppFixture>
{
    private const string TenantKey = "Outlook__Tenants__0__TenantId";

    [Fact]
    public async Task StateLost_RedisEmptied_ReseededAndGapResynced()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        var tenantId = (await fixture.EnvironmentOfAsync("subscriptions"))[TenantKey];
        var db = fixture.Redis.GetDatabase();
        var active = await fixture.WaitForAllSubscribedAsync(timeout.Token);
        await Polling.UntilAsync(() => db.KeyExistsAsync(RedisKeys.StateMarker(tenantId)), present => present, timeout.Token);
        var userId = active[0].UserId;
        using var topic = new NotificationTopicReader(await fixture.GetConnectionStringAsync("kafka"));

        // Dropped notifications leave the resync as the only way the message can reach the topic.
        await fixture.PostAdminAsync("/emulator/faults/drop", new { duration = "00:05:00" }, timeout.Token);
        var messageId = await fixture.DeliverAsync(userId, timeout.Token);
        await DeleteAllKeysAsync();
        await Polling.UntilAsync(() => db.KeyExistsAsync(RedisKeys.StateMarker(tenantId)), present => present, timeout.Token);
        await Polling.UntilAsync(() => db.HashLengthAsync(SubscriptionKeys.StateResyncs(tenantId)), pending => pending == 0, timeout.Token);
        await topic.WaitForAsync(records => records.Any(record => record.Origin == RecordOrigins.Delta && record.ResourceId == messageId), timeout.Token);
        await fixture.PostAdminAsync("/emulator/faults/drop", new { duration = "00:00:00" }, timeout.Token);

        foreach (var (subscriptionId, subscribedUserId) in active)
        {
            var clientState = await db.HashGetAsync(RedisKeys.Subscription(subscriptionId), "clientState");
            Assert.False(clientState.IsNullOrEmpty, $"subscription {subscriptionId} was not stored again with its clientState");
            var tuid = await db.HashGetAsync(RedisKeys.Identity(tenantId, subscribedUserId), "tuid");
            Assert.False(tuid.IsNullOrEmpty, $"the identity of user {subscribedUserId} was not written again");
        }

        var record = topic.Records.First(candidate => candidate.Origin == RecordOrigins.Delta && candidate.ResourceId == messageId);
        Assert.Equal("created", record.ChangeType);
    }

    // Deletes with SCAN and DEL, because the AppHost's Redis connection is not allowed FLUSHALL.
    private async Task DeleteAllKeysAsync()
    {
        var server = fixture.Redis.GetServers().Single();
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: RedisKeys.Prefix + "*"))
        {
            keys.Add(key);
        }

        await fixture.Redis.GetDatabase().KeyDeleteAsync([.. keys]);
    }
}
