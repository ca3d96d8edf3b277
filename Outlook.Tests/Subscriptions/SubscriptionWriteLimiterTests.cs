using Microsoft.Extensions.Time.Testing;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Throttling;

namespace Outlook.Tests.Subscriptions;

public sealed class SubscriptionWriteLimiterTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WriteLimiter_WindowSpent_Waits()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var time = new FakeTimeProvider();
        var options = new SubscriptionsOptions { SubscriptionWritesPerWindow = 2, SubscriptionWriteWindow = TimeSpan.FromSeconds(20) };
        var limiter = new SubscriptionWriteLimiter(time, Microsoft.Extensions.Options.Options.Create(options));
        await limiter.WaitAsync("tenant", timeout.Token);
        await limiter.WaitAsync("tenant", timeout.Token);

        var third = limiter.WaitAsync("tenant", timeout.Token);
        time.Advance(TimeSpan.FromSeconds(19));
        var blockedBeforeWindow = !third.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        await third.WaitAsync(timeout.Token);

        Assert.True(blockedBeforeWindow);
    }

    [Fact]
    public async Task WriteLimiter_Tenants_HaveSeparateWindows()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var options = new SubscriptionsOptions { SubscriptionWritesPerWindow = 1 };
        var limiter = new SubscriptionWriteLimiter(new FakeTimeProvider(), Microsoft.Extensions.Options.Options.Create(options));
        await limiter.WaitAsync("tenant-a", timeout.Token);

        var other = limiter.WaitAsync("tenant-b", timeout.Token);

        Assert.True(other.IsCompletedSuccessfully);
    }
}
