using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Graph;
using Outlook.Webhook.Options;
using StackExchange.Redis;

namespace Outlook.Webhook.Security;

/// <summary>
/// Reads the subscription hashes the subscription manager writes to Redis. Redis is read on
/// every request, so a rotated clientState or a deleted subscription takes effect at once.
/// The last secret read for each subscription is kept in memory, and used only to keep
/// verifying notifications while Redis is unreachable.
/// </summary>
internal sealed class SubscriptionStore(
    IConnectionMultiplexer redis,
    IOptions<WebhookOptions> options,
    IOptions<TenantsOptions> tenants,
    TimeProvider time)
{
    private static readonly RedisValue[] Fields = ["tenantId", "mailboxId", "clientState", "resource"];

    private readonly ConcurrentDictionary<string, (SubscriptionSecret Secret, DateTimeOffset ReadAt)> _lastKnown = new(StringComparer.Ordinal);

    /// <summary>
    /// Looks up each subscription id once, mapping an unknown id to null. When Redis times out
    /// or fails, the secrets in memory are used instead, and <see cref="SubscriptionStoreUnavailableException"/>
    /// is thrown only when one of the ids has no recent enough secret there.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SubscriptionSecret?>> FindAsync(
        IReadOnlyCollection<string> subscriptionIds, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(subscriptionIds, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return FromMemory(subscriptionIds) ?? throw new SubscriptionStoreUnavailableException(ex);
        }
    }

    /// <summary>
    /// Returns whether a configured tenant among <paramref name="tenantIds"/> lacks its state
    /// marker: Redis lost the subscription manager's state, so a subscription not found there may
    /// still be ours. A tenant id this deployment does not watch never counts as lost.
    /// </summary>
    /// <exception cref="SubscriptionStoreUnavailableException">Redis timed out or failed.</exception>
    public async Task<bool> IsStateLostAsync(IEnumerable<string?> tenantIds, CancellationToken cancellationToken)
    {
        var watched = tenantIds
            .OfType<string>()
            .Where(tenantId => tenants.Value.Find(tenantId) is not null)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (watched.Count == 0)
        {
            return false;
        }

        try
        {
            var database = redis.GetDatabase();
            var lookups = watched.Select(tenantId => database.KeyExistsAsync(RedisKeys.StateMarker(tenantId))).ToList();
            await Task.WhenAll(lookups).WaitAsync(options.Value.RedisTimeout, cancellationToken);
            return lookups.Exists(lookup => !lookup.Result);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new SubscriptionStoreUnavailableException(ex);
        }
    }

    private async Task<IReadOnlyDictionary<string, SubscriptionSecret?>> ReadAsync(
        IReadOnlyCollection<string> subscriptionIds, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var lookups = subscriptionIds.ToDictionary(
            id => id,
            id => database.HashGetAsync(RedisKeys.Subscription(id), Fields),
            StringComparer.Ordinal);

        await Task.WhenAll(lookups.Values).WaitAsync(options.Value.RedisTimeout, cancellationToken);

        var now = time.GetUtcNow();
        var secrets = new Dictionary<string, SubscriptionSecret?>(StringComparer.Ordinal);
        foreach (var (id, lookup) in lookups)
        {
            var secret = ToSecret(lookup.Result);
            secrets[id] = secret;
            if (secret is null)
            {
                _lastKnown.TryRemove(id, out _);
            }
            else
            {
                _lastKnown[id] = (secret, now);
            }
        }

        return secrets;
    }

    private Dictionary<string, SubscriptionSecret?>? FromMemory(IReadOnlyCollection<string> subscriptionIds)
    {
        var oldest = time.GetUtcNow() - options.Value.SubscriptionMemoryTimeToLive;
        var secrets = new Dictionary<string, SubscriptionSecret?>(StringComparer.Ordinal);
        foreach (var id in subscriptionIds)
        {
            if (!_lastKnown.TryGetValue(id, out var known) || known.ReadAt < oldest)
            {
                return null;
            }

            secrets[id] = known.Secret;
        }

        return secrets;
    }

    private static SubscriptionSecret? ToSecret(RedisValue[] values)
    {
        if (values[0].IsNullOrEmpty || values[2].IsNullOrEmpty)
        {
            return null;
        }

        return new SubscriptionSecret(values[0]!, values[1].IsNullOrEmpty ? "" : (string)values[1]!, values[2]!, values[3]);
    }
}

/// <summary>Thrown when Redis cannot be read and memory does not hold every subscription a request names.</summary>
internal sealed class SubscriptionStoreUnavailableException(Exception inner)
    : Exception("Subscription secrets could not be read from Redis.", inner);
