using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Telemetry;

namespace Outlook.Subscriptions.Throttling;

/// <summary>
/// Runs every Graph request of the service: at most <see cref="SubscriptionsOptions.MailboxConcurrency"/>
/// at a time per mailbox and <see cref="SubscriptionsOptions.TenantConcurrency"/> per tenant, and
/// none before the time a 429 or 503 named. A throttled request waits and is retried until it
/// succeeds or the service stops, so a throttling storm slows work down and never drops it.
/// </summary>
public sealed partial class GraphThrottle(
    TimeProvider time,
    IOptions<SubscriptionsOptions> options,
    SubscriptionsTelemetry telemetry,
    ILogger<GraphThrottle> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _mailboxSlots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _tenantSlots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notBefore = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Sends <paramref name="request"/> for a mailbox, or for the tenant when
    /// <paramref name="mailboxId"/> is null, retrying throttled responses after their Retry-After.
    /// </summary>
    public async Task<T> SendAsync<T>(
        string tenantId,
        string? mailboxId,
        string operation,
        Func<CancellationToken, Task<T>> request,
        CancellationToken cancellationToken)
    {
        var gateKey = mailboxId is null ? tenantId : $"{tenantId}/{mailboxId}";
        for (var attempt = 1; ; attempt++)
        {
            await WaitForGateAsync(tenantId, gateKey, cancellationToken);

            using var tenantSlot = await TenantSlots(tenantId).AcquireAsync(1, cancellationToken);
            var mailboxSlot = mailboxId is null ? null : MailboxSlots(gateKey);
            if (mailboxSlot is not null)
            {
                await mailboxSlot.WaitAsync(cancellationToken);
            }

            try
            {
                // Another request may have been throttled while this one queued for a slot.
                if (IsGateClosed(tenantId, gateKey))
                {
                    continue;
                }

                return await request(cancellationToken);
            }
            catch (Exception ex) when (ThrottledResponse.TryRead(ex, out var status, out var retryAfter))
            {
                var delay = RetryAfter.Parse(retryAfter, time.GetUtcNow()) ?? Backoff(attempt);
                CloseGate(gateKey, delay);
                telemetry.Throttled.Add(1, SubscriptionsTelemetry.Tenant(tenantId), new("http.response.status_code", status));
                LogThrottled(tenantId, mailboxId ?? "-", operation, status, delay, attempt);
            }
            finally
            {
                mailboxSlot?.Release();
            }
        }
    }

    private async Task WaitForGateAsync(string tenantId, string gateKey, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var waited = false;
        while (RemainingWait(tenantId, gateKey) is { } remaining && remaining > TimeSpan.Zero)
        {
            waited = true;
            await Task.Delay(remaining, time, cancellationToken);
        }

        if (waited)
        {
            telemetry.ThrottleWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, SubscriptionsTelemetry.Tenant(tenantId));
        }
    }

    private bool IsGateClosed(string tenantId, string gateKey) =>
        RemainingWait(tenantId, gateKey) is { } remaining && remaining > TimeSpan.Zero;

    private TimeSpan? RemainingWait(string tenantId, string gateKey)
    {
        var now = time.GetUtcNow();
        var until = DateTimeOffset.MinValue;
        if (_notBefore.TryGetValue(tenantId, out var tenantUntil))
        {
            until = tenantUntil;
        }

        if (_notBefore.TryGetValue(gateKey, out var keyUntil) && keyUntil > until)
        {
            until = keyUntil;
        }

        return until > now ? until - now : null;
    }

    private void CloseGate(string gateKey, TimeSpan delay)
    {
        var until = time.GetUtcNow() + delay;
        _notBefore.AddOrUpdate(gateKey, until, (_, existing) => existing > until ? existing : until);
    }

    private TimeSpan Backoff(int attempt)
    {
        var settings = options.Value;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 16));
        var delay = TimeSpan.FromMilliseconds(settings.InitialBackoff.TotalMilliseconds * factor);
        return delay < settings.MaxBackoff ? delay : settings.MaxBackoff;
    }

    private SemaphoreSlim MailboxSlots(string gateKey) =>
        _mailboxSlots.GetOrAdd(gateKey, _ => new SemaphoreSlim(options.Value.MailboxConcurrency));

    private ConcurrencyLimiter TenantSlots(string tenantId) =>
        _tenantSlots.GetOrAdd(tenantId, _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.TenantConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Graph throttled {Operation} for tenant {TenantId} mailbox {MailboxId} with status {Status}; retrying in {Delay} (attempt {Attempt})")]
    private partial void LogThrottled(string tenantId, string mailboxId, string operation, int status, TimeSpan delay, int attempt);

    public void Dispose()
    {
        foreach (var slot in _mailboxSlots.Values)
        {
            slot.Dispose();
        }

        foreach (var limiter in _tenantSlots.Values)
        {
            limiter.Dispose();
        }
    }
}
