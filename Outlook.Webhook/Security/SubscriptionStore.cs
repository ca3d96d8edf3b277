using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Webhook.Options;
using StackExchange.Redis;

namespace Outlook.Webhook.Security;

/// <summary>Reads the subscription hashes the subscription manager writes to Redis.</summary>
internal sealed class SubscriptionStore(IConnectionMultiplexer redis, IOptions<WebhookOptions> options)
{
    private static readonly RedisValue[] Fields = ["tenantId", "mailboxId", "clientState", "resource"];

    /// <summary>Looks up each subscription id once; an unknown id maps to null. Throws when Redis does not answer in time.</summary>
    public async Task<IReadOnlyDictionary<string, SubscriptionSecret?>> FindAsync(
        IReadOnlyCollection<string> subscriptionIds, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var lookups = subscriptionIds.ToDictionary(
            id => id,
            id => database.HashGetAsync(RedisKeys.Subscription(id), Fields),
            StringComparer.Ordinal);

        await Task.WhenAll(lookups.Values).WaitAsync(options.Value.RedisTimeout, cancellationToken);

        return lookups.ToDictionary(pair => pair.Key, pair => ToSecret(pair.Value.Result), StringComparer.Ordinal);
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
