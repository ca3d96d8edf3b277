using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Webhook.Options;
using Outlook.Webhook.Telemetry;
using StackExchange.Redis;

namespace Outlook.Webhook.Processing;

/// <summary>
/// Remembers which changes are already in Kafka. Losing a change is worse than producing it
/// twice, because the worker derives its event id from the change key and so collapses a
/// duplicate. A Redis failure or timeout here therefore degrades to "not seen" and is logged,
/// rather than failing the request.
/// </summary>
internal sealed class DedupStore(
    IConnectionMultiplexer redis,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<DedupStore> logger)
{
    private readonly WarningThrottle _throttle = new(options.Value.WarningInterval, time);

    /// <summary>Returns the change keys already produced, or none when Redis fails or times out.</summary>
    public async Task<IReadOnlySet<string>> FindSeenAsync(IReadOnlyList<string> changeKeys, CancellationToken cancellationToken)
    {
        if (changeKeys.Count == 0)
        {
            return new HashSet<string>();
        }

        try
        {
            var database = redis.GetDatabase();
            var checks = changeKeys.Select(key => database.KeyExistsAsync(RedisKeys.Dedup(key))).ToArray();
            var exists = await Task.WhenAll(checks).WaitAsync(options.Value.RedisTimeout, cancellationToken);
            return changeKeys.Where((_, index) => exists[index]).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            WarnUnavailable(ex);
            return new HashSet<string>();
        }
    }

    /// <summary>Marks the change keys as produced; a failure only costs possible duplicates later.</summary>
    public async Task MarkAsync(IReadOnlyList<string> changeKeys, CancellationToken cancellationToken)
    {
        if (changeKeys.Count == 0)
        {
            return;
        }

        try
        {
            var database = redis.GetDatabase();
            var value = time.GetUtcNow().ToUnixTimeMilliseconds();
            var writes = changeKeys.Select(key => database.StringSetAsync(RedisKeys.Dedup(key), value, options.Value.DedupTimeToLive)).ToArray();
            await Task.WhenAll(writes).WaitAsync(options.Value.RedisTimeout, cancellationToken);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            WarnUnavailable(ex);
        }
    }

    private void WarnUnavailable(Exception ex)
    {
        if (_throttle.TryEnter(out var suppressed))
        {
            WebhookLog.DedupUnavailable(logger, suppressed, ex);
        }
    }

    private static bool IsRedisFailure(Exception ex) => ex is RedisException or TimeoutException;
}
