using Outlook.Subscriptions.Storage;
using Outlook.Tests.Common;

namespace Outlook.Tests.Subscriptions;

public sealed class RedisLeaseTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly RedisLease _leases = new(redis.Connection);

    [Fact]
    public async Task Lease_Free_IsTaken() =>
        Assert.NotNull(await _leases.TryAcquireAsync(NewKey(), Duration));

    [Fact]
    public async Task Lease_Held_IsNotTakenBySecondReplica()
    {
        var key = NewKey();
        await _leases.TryAcquireAsync(key, Duration);

        Assert.Null(await _leases.TryAcquireAsync(key, Duration));
    }

    [Fact]
    public async Task Lease_RenewByHolder_Succeeds()
    {
        var key = NewKey();
        var token = await _leases.TryAcquireAsync(key, Duration);

        Assert.True(await _leases.RenewAsync(key, token!, Duration));
    }

    [Fact]
    public async Task Lease_RenewByOtherToken_Fails()
    {
        var key = NewKey();
        await _leases.TryAcquireAsync(key, Duration);

        Assert.False(await _leases.RenewAsync(key, "not-the-token", Duration));
    }

    [Fact]
    public async Task Lease_ReleaseByOtherToken_KeepsLease()
    {
        var key = NewKey();
        await _leases.TryAcquireAsync(key, Duration);

        await _leases.ReleaseAsync(key, "not-the-token");

        Assert.Null(await _leases.TryAcquireAsync(key, Duration));
    }

    [Fact]
    public async Task Lease_ReleasedByHolder_IsFreeAgain()
    {
        var key = NewKey();
        var token = await _leases.TryAcquireAsync(key, Duration);

        await _leases.ReleaseAsync(key, token!);

        Assert.NotNull(await _leases.TryAcquireAsync(key, Duration));
    }

    [Fact]
    public async Task Lease_Expired_IsFreeAgain()
    {
        var key = NewKey();
        var token = await _leases.TryAcquireAsync(key, TimeSpan.FromMilliseconds(50));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.FromMilliseconds(150), timeout.Token);

        var next = await _leases.TryAcquireAsync(key, Duration);

        Assert.NotNull(next);
        Assert.False(await _leases.RenewAsync(key, token!, Duration));
    }

    [Fact]
    public async Task Lease_TryRun_SkipsWorkWhileHeldElsewhere()
    {
        var key = NewKey();
        await _leases.TryAcquireAsync(key, Duration);
        var ran = false;

        var result = await _leases.TryRunAsync(key, Duration, () =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.False(result);
        Assert.False(ran);
    }

    private static string NewKey() => $"test:lease:{Guid.NewGuid():N}";
}
