using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Outlook.Subscriptions.Options;

namespace Outlook.Subscriptions.Throttling;

/// <summary>
/// Keeps subscription creates and renewals per tenant within Graph's limit (500 per 20 seconds
/// per app per tenant). The sliding windows are replenished from a <see cref="TimeProvider"/>
/// timer, so tests that advance time advance the window too.
/// </summary>
public sealed class SubscriptionWriteLimiter : IDisposable
{
    private const int SegmentsPerWindow = 10;

    private readonly ConcurrentDictionary<string, SlidingWindowRateLimiter> _limiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly SubscriptionsOptions _options;
    private readonly ITimer _replenishTimer;

    public SubscriptionWriteLimiter(TimeProvider time, IOptions<SubscriptionsOptions> options)
    {
        _options = options.Value;
        var period = _options.SubscriptionWriteWindow / SegmentsPerWindow;
        _replenishTimer = time.CreateTimer(_ => Replenish(), null, period, period);
    }

    /// <summary>Waits until the tenant may send one more subscription write.</summary>
    public async Task WaitAsync(string tenantId, CancellationToken cancellationToken)
    {
        var limiter = _limiters.GetOrAdd(tenantId, _ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = _options.SubscriptionWritesPerWindow,
            Window = _options.SubscriptionWriteWindow,
            SegmentsPerWindow = SegmentsPerWindow,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The subscription write limiter of tenant {tenantId} refused a permit.");
        }
    }

    private void Replenish()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.TryReplenish();
        }
    }

    public void Dispose()
    {
        _replenishTimer.Dispose();
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
