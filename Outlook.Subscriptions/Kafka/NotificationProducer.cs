using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Subscriptions.Options;
using StackExchange.Redis;

namespace Outlook.Subscriptions.Kafka;

/// <summary>
/// Produces records the service found (catch-up, folder and rule changes) to the notifications
/// topic, skipping changes whose dedup key is already set and setting it once Kafka acknowledged.
/// </summary>
public sealed class NotificationProducer(
    IProducer<string, byte[]> producer,
    IConnectionMultiplexer redis,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time)
{
    /// <summary>Produces <paramref name="record"/> unless it was produced before; returns whether it was.</summary>
    public async Task<bool> ProduceIfNewAsync(NotificationRecord record, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var dedupKey = RedisKeys.Dedup(record.ChangeKey);
        if (await db.KeyExistsAsync(dedupKey))
        {
            return false;
        }

        await producer.ProduceAsync(Topics.Notifications, ToMessage(record), cancellationToken);

        var producedAt = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await db.StringSetAsync(dedupKey, producedAt, options.Value.DedupTtl);
        return true;
    }

    private static Message<string, byte[]> ToMessage(NotificationRecord record)
    {
        var headers = new Headers
        {
            { KafkaHeaderNames.RecordKind, Encoding.UTF8.GetBytes(record.Kind) },
            {
                KafkaHeaderNames.ReceivedAt,
                Encoding.ASCII.GetBytes(record.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            },
        };
        if (Activity.Current is { } activity)
        {
            headers.Add(KafkaHeaderNames.TraceParent, Encoding.ASCII.GetBytes(activity.Id ?? ""));
            if (activity.TraceStateString is { } traceState)
            {
                headers.Add(KafkaHeaderNames.TraceState, Encoding.ASCII.GetBytes(traceState));
            }
        }

        return new Message<string, byte[]>
        {
            Key = NotificationRecord.PartitionKey(record.TenantId, record.MailboxId),
            Value = JsonSerializer.SerializeToUtf8Bytes(record, NotificationJsonContext.Default.NotificationRecord),
            Headers = headers,
        };
    }
}
