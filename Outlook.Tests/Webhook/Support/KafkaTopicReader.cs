using System.Text.Json;
using Confluent.Kafka;
using Outlook.Contracts;

namespace Outlook.Tests.Webhook.Support;

/// <summary>A record read back from outlook.notifications with its Kafka key, headers and position.</summary>
internal sealed record ConsumedRecord(string Key, NotificationRecord Record, Headers Headers, int Partition, long Offset)
{
    public string? Header(string name) =>
        Headers.TryGetLastBytes(name, out var value) ? System.Text.Encoding.ASCII.GetString(value) : null;
}

/// <summary>
/// Reads a topic from the beginning up to the high watermark of each partition, as it was when
/// the read started. Every record acknowledged before the call is therefore in the result.
/// </summary>
internal static class KafkaTopicReader
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    public static List<ConsumedRecord> ReadNotifications(string bootstrapServers)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"webhook-tests-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();

        var topic = admin.GetMetadata(Topics.Notifications, ReadTimeout).Topics.Single();
        var ends = topic.Partitions
            .Select(partition => new TopicPartition(Topics.Notifications, partition.PartitionId))
            .ToDictionary(partition => partition, partition => consumer.QueryWatermarkOffsets(partition, ReadTimeout).High.Value);
        var pending = ends.Where(pair => pair.Value > 0).Select(pair => pair.Key).ToHashSet();
        consumer.Assign(pending.Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));

        var records = new List<ConsumedRecord>();
        var deadline = DateTime.UtcNow + ReadTimeout;
        while (pending.Count > 0)
        {
            var remaining = deadline - DateTime.UtcNow;
            var result = remaining > TimeSpan.Zero ? consumer.Consume(remaining) : null;
            if (result is null)
            {
                throw new TimeoutException($"Reading {Topics.Notifications} did not reach the high watermark within {ReadTimeout}.");
            }

            if (TryRead(result.Message.Value) is { } record)
            {
                records.Add(new ConsumedRecord(result.Message.Key, record, result.Message.Headers, result.Partition.Value, result.Offset.Value));
            }

            if (result.Offset.Value + 1 >= ends[result.TopicPartition])
            {
                pending.Remove(result.TopicPartition);
            }
        }

        consumer.Close();
        return records;
    }

    // Other services and tests may put probes on the topic; only notification records matter here.
    private static NotificationRecord? TryRead(byte[] value)
    {
        try
        {
            return JsonSerializer.Deserialize(value, NotificationJsonContext.Default.NotificationRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
