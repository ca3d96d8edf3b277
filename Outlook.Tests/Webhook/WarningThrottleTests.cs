using Microsoft.Extensions.Time.Testing;
using Outlook.Webhook.Telemetry;

namespace Outlook.Tests.Webhook;

public sealed class WarningThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public void WarningThrottle_RepeatWithinInterval_IsSuppressed()
    {
        var time = new FakeTimeProvider();
        var throttle = new WarningThrottle(Interval, time);

        Assert.True(throttle.TryEnter(out _));
        Assert.False(throttle.TryEnter(out _));
        Assert.False(throttle.TryEnter(out _));
    }

    [Fact]
    public void WarningThrottle_AfterInterval_ReportsSuppressedCount()
    {
        var time = new FakeTimeProvider();
        var throttle = new WarningThrottle(Interval, time);
        throttle.TryEnter(out _);
        throttle.TryEnter(out _);
        throttle.TryEnter(out _);

        time.Advance(Interval);
        var entered = throttle.TryEnter(out var suppressed);

        Assert.True(entered);
        Assert.Equal(2, suppressed);
    }
}
