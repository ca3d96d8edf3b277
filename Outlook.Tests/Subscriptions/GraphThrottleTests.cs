using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Kiota.Abstractions;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Throttling;

namespace Outlook.Tests.Subscriptions;

public sealed class GraphThrottleTests : IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SubscriptionsTelemetry _telemetry;
    private readonly GraphThrottle _throttle;

    public GraphThrottleTests()
    {
        _telemetry = new SubscriptionsTelemetry(_services.GetRequiredService<IMeterFactory>());
        _throttle = new GraphThrottle(
            _time, Microsoft.Extensions.Options.Options.Create(new SubscriptionsOptions()), _telemetry, NullLogger<GraphThrottle>.Instance);
    }

    [Fact]
    public async Task Throttle_EveryRetryAfterForm_WaitsFully()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var attempts = new List<DateTimeOffset>();
        var responses = new Queue<Exception>(
        [
            Throttled(429, "2.128"),
            new AggregateException(Throttled(429, "Fri, 04 Dec 2026 17:00:10 GMT"), Throttled(429, "1")),
            Throttled(503, "30,120"),
            Throttled(429, "3"),
        ]);

        var sent = _throttle.SendAsync("tenant", "mailbox", "test", _ =>
        {
            attempts.Add(_time.GetUtcNow());
            return responses.TryDequeue(out var failure) ? Task.FromException<int>(failure) : Task.FromResult(42);
        }, timeout.Token);
        await AdvanceUntilAsync(sent, TimeSpan.FromMilliseconds(250), timeout.Token);

        Assert.Equal(42, await sent);
        Assert.Equal(5, attempts.Count);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromMilliseconds(2128), $"second attempt after {attempts[1] - attempts[0]}");
        Assert.True(attempts[2] >= new DateTimeOffset(2026, 12, 4, 17, 0, 10, TimeSpan.Zero), $"third attempt at {attempts[2]:O}");
        Assert.True(attempts[3] - attempts[2] >= TimeSpan.FromSeconds(120), $"fourth attempt after {attempts[3] - attempts[2]}");
        Assert.True(attempts[4] - attempts[3] >= TimeSpan.FromSeconds(3), $"fifth attempt after {attempts[4] - attempts[3]}");
    }

    [Fact]
    public async Task Throttle_SameMailbox_SharesRetryAfter()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var firstThrottled = false;
        var first = _throttle.SendAsync("tenant", "mailbox", "test", _ =>
        {
            if (!firstThrottled)
            {
                firstThrottled = true;
                return Task.FromException<int>(Throttled(429, "10"));
            }

            return Task.FromResult(1);
        }, timeout.Token);

        DateTimeOffset? secondSentAt = null;
        var second = _throttle.SendAsync("tenant", "mailbox", "test", _ =>
        {
            secondSentAt = _time.GetUtcNow();
            return Task.FromResult(2);
        }, timeout.Token);
        await AdvanceUntilAsync(Task.WhenAll(first, second), TimeSpan.FromMilliseconds(500), timeout.Token);

        Assert.True(secondSentAt >= Start + TimeSpan.FromSeconds(10), $"second request sent at {secondSentAt:O}");
    }

    [Fact]
    public async Task Throttle_ThrottledMailbox_DoesNotDelayOtherMailbox()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var throttledOnce = false;
        var slow = _throttle.SendAsync("tenant", "busy", "test", _ =>
        {
            if (!throttledOnce)
            {
                throttledOnce = true;
                return Task.FromException<int>(Throttled(429, "600"));
            }

            return Task.FromResult(1);
        }, timeout.Token);

        var other = await _throttle.SendAsync("tenant", "quiet", "test", _ => Task.FromResult(2), timeout.Token);

        Assert.Equal(2, other);
        Assert.False(slow.IsCompleted);
    }

    [Fact]
    public async Task Throttle_OneMailbox_AtMostFourConcurrent()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var running = 0;
        var maximum = 0;
        var release = new TaskCompletionSource();

        var requests = Enumerable.Range(0, 10).Select(_ => _throttle.SendAsync("tenant", "mailbox", "test", async token =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maximum, now);
            await release.Task.WaitAsync(token);
            Interlocked.Decrement(ref running);
            return now;
        }, timeout.Token)).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref running) == 4, timeout.Token);
        release.SetResult();
        await Task.WhenAll(requests);

        Assert.Equal(4, maximum);
    }

    [Fact]
    public async Task Throttle_OtherError_IsNotRetried()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var attempts = 0;

        await Assert.ThrowsAsync<ApiException>(() => _throttle.SendAsync<int>("tenant", "mailbox", "test", _ =>
        {
            attempts++;
            return Task.FromException<int>(new ApiException("forbidden") { ResponseStatusCode = 403 });
        }, timeout.Token));

        Assert.Equal(1, attempts);
    }

    private static ApiException Throttled(int status, string retryAfter) => new("throttled")
    {
        ResponseStatusCode = status,
        ResponseHeaders = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = [retryAfter] },
    };

    // Fake time moves only when the test advances it. Small steps with a real yield let each retry's timer fire in order.
    private async Task AdvanceUntilAsync(Task work, TimeSpan step, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            await Task.Delay(1, cancellationToken);
            _time.Advance(step);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public void Dispose()
    {
        _throttle.Dispose();
        _telemetry.Dispose();
        _services.Dispose();
    }
}
