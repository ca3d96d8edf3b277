using Outlook.Contracts;
using Outlook.Subscriptions.Storage;
using Outlook.Tests.Common;

namespace Outlook.Tests.Subscriptions;

public sealed class StateMarkerStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly DateTimeOffset Earlier = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Earlier.AddHours(2);

    [Fact]
    public async Task StateMarker_SetAfterMissing_IsPresent()
    {
        var tenantId = NewTenant();
        var store = new StateMarkerStore(redis.Connection, TimeProvider.System);

        var before = await store.HasMarkerAsync(tenantId);
        await store.SetMarkerAsync(tenantId);

        Assert.False(before);
        Assert.True(await store.HasMarkerAsync(tenantId));
        Assert.True(await redis.Connection.GetDatabase().KeyExistsAsync(RedisKeys.StateMarker(tenantId)));
    }

    [Fact]
    public async Task StateResyncs_RequestedTwice_KeepEarliestTime()
    {
        var tenantId = NewTenant();
        var store = new StateMarkerStore(redis.Connection, TimeProvider.System);

        await store.RequestResyncsAsync(tenantId, ["MBX-1", "mbx-2"], Earlier);
        await store.RequestResyncsAsync(tenantId, ["mbx-1", "mbx-3"], Later);
        var pending = await store.PendingResyncsAsync(tenantId);

        Assert.Equal(3, pending.Count);
        Assert.Equal(Earlier, pending["mbx-1"]);
        Assert.Equal(Earlier, pending["mbx-2"]);
        Assert.Equal(Later, pending["mbx-3"]);
    }

    [Fact]
    public async Task StateResyncs_Completed_AreNoLongerPending()
    {
        var tenantId = NewTenant();
        var store = new StateMarkerStore(redis.Connection, TimeProvider.System);

        await store.RequestResyncsAsync(tenantId, ["mbx-1", "mbx-2"], Earlier);
        await store.CompleteResyncAsync(tenantId, "MBX-1");
        var pending = await store.PendingResyncsAsync(tenantId);

        Assert.Equal(["mbx-2"], pending.Keys);
    }

    private static string NewTenant() => $"tenant-{Guid.NewGuid():N}";
}
