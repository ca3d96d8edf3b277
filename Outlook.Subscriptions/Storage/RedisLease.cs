using StackExchange.Redis;

namespace Outlook.Subscriptions.Storage;

/// <summary>
/// A lease in Redis: SET NX PX with a random token, renewed and released only by the holder of
/// that token, so two replicas never both believe they hold it (within the lease's expiry).
/// </summary>
public sealed class RedisLease(IConnectionMultiplexer redis)
{
    // Compare-and-act scripts: only the token that took the lease may extend or drop it.
    private const string RenewScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private const string ReleaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /// <summary>Takes the lease if no other owner has it; returns the token to renew and release it with, or null.</summary>
    public async Task<string?> TryAcquireAsync(string key, TimeSpan duration)
    {
        var token = Guid.NewGuid().ToString("N");
        var taken = await redis.GetDatabase().StringSetAsync(key, token, duration, When.NotExists);
        return taken ? token : null;
    }

    /// <summary>Extends the lease; false when it expired or another holder took it.</summary>
    public async Task<bool> RenewAsync(string key, string token, TimeSpan duration)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            RenewScript, [key], [token, (long)duration.TotalMilliseconds]);
        return (long)result == 1;
    }

    /// <summary>Drops the lease if this token still holds it.</summary>
    public async Task<bool> ReleaseAsync(string key, string token)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [key], [token]);
        return (long)result == 1;
    }

    /// <summary>
    /// Runs <paramref name="work"/> while holding the lease at <paramref name="key"/>; returns false
    /// without running it when another holder has the lease.
    /// </summary>
    public async Task<bool> TryRunAsync(string key, TimeSpan duration, Func<Task> work)
    {
        var token = await TryAcquireAsync(key, duration);
        if (token is null)
        {
            return false;
        }

        try
        {
            await work();
            return true;
        }
        finally
        {
            await ReleaseAsync(key, token);
        }
    }
}
