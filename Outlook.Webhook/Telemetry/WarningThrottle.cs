namespace Outlook.Webhook.Telemetry;

/// <summary>
/// Lets one warning through per interval and counts the ones held back, so an outage or a flood
/// of forged requests produces one log line a minute instead of one per request.
/// </summary>
internal sealed class WarningThrottle(TimeSpan interval, TimeProvider time)
{
    private long _nextAllowedTicks;
    private long _suppressed;

    /// <summary>True when a warning may be written now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool TryEnter(out long suppressed)
    {
        var now = time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextAllowedTicks);
        if (now >= next && Interlocked.CompareExchange(ref _nextAllowedTicks, now + interval.Ticks, next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }

        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }
}
