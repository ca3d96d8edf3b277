using Outlook.Contracts;
using StackExchange.Redis;

namespace Outlook.Subscriptions.Storage;

/// <summary>
/// The tenant's state marker the webhook checks before rejecting an unknown subscription, and the
/// mailboxes still to be resynced after Redis lost the tenant's state.
/// </summary>
public sealed class StateMarkerStore(IConnectionMultiplexer redis, TimeProvider time)
{
    private IDatabase Db => redis.GetDatabase();

    public Task<bool> HasMarkerAsync(string tenantId) => Db.KeyExistsAsync(RedisKeys.StateMarker(tenantId));

    /// <summary>Sets the marker; its value is the time it was set (Unix ms), for people reading Redis.</summary>
    public Task SetMarkerAsync(string tenantId) =>
        Db.StringSetAsync(RedisKeys.StateMarker(tenantId), time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>Records that each mailbox must be resynced from <paramref name="since"/>, keeping an earlier time already recorded.</summary>
    public async Task RequestResyncsAsync(string tenantId, IEnumerable<string> mailboxIds, DateTimeOffset since)
    {
        var key = SubscriptionKeys.StateResyncs(tenantId);
        var pending = await PendingResyncsAsync(tenantId);
        var entries = mailboxIds
            .Select(id => id.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Select(id => new HashEntry(id, Earliest(pending.GetValueOrDefault(id), since).ToUnixTimeMilliseconds()))
            .ToArray();
        if (entries.Length > 0)
        {
            await Db.HashSetAsync(key, entries);
        }
    }

    /// <summary>Returns each mailbox waiting for a resync, with the time to resync it from.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> PendingResyncsAsync(string tenantId)
    {
        var entries = await Db.HashGetAllAsync(SubscriptionKeys.StateResyncs(tenantId));
        var pending = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Value.TryParse(out long milliseconds))
            {
                pending[entry.Name.ToString()] = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            }
        }

        return pending;
    }

    public Task CompleteResyncAsync(string tenantId, string mailboxId) =>
        Db.HashDeleteAsync(SubscriptionKeys.StateResyncs(tenantId), mailboxId.ToLowerInvariant());

    private static DateTimeOffset Earliest(DateTimeOffset recorded, DateTimeOffset since) =>
        recorded == default || since < recorded ? since : recorded;
}
