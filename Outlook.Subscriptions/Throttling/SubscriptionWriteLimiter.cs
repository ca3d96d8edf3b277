using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Outlook.Subscriptions.Options;

namespace Outlook.Subscriptions.Throttling;

/// <summary>
/// Keeps subscription creates and renewals per tenant within Graph's limit (500 per 20 seconds
/// per app per tenant) with a sliding log of write times. System.Threading.RateLimiting's
/// limiters measure time with Stopwatch, even when replenished by hand, so they cannot follow
/// an injected <see cref="TimeProvider"/>; this small log can.
/// </summary>
public sealed class SubscriptionWriteLimiter(TimeProvider time, IOptions<SubscriptionsOptions> options)
{
    private readonly ConcurrentDictionary<string, WriteLog> _logs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits until the tenant may send one more subscription write, and counts that write.</summary>
    public async Task WaitAsync(string tenantId, CancellationToken cancellationToken)
    {
        var log = _logs.GetOrAdd(tenantId, _ => new WriteLog());
        var settings = options.Value;
        while (true)
        {
            TimeSpan wait;
            lock (log)
            {
                var now = time.GetUtcNow();
                while (log.Writes.Count > 0 && log.Writes.Peek() <= now - settings.SubscriptionWriteWindow)
                {
                    log.Writes.Dequeue();
                }

                if (log.Writes.Count < settings.SubscriptionWritesPerWindow)
                {
                    log.Writes.Enqueue(now);
                    return;
                }

                wait = log.Writes.Peek() + settings.SubscriptionWriteWindow - now;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private sealed class WriteLog
    {
        public Queue<DateTimeOffset> Writes { get; } = new();
    }
}
