using Confluent.Kafka;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker.Processing;

/// <summary>Partition assignment handlers of <see cref="NormalizerWorker"/>; they run on the loop's thread inside Consume.</summary>
internal sealed partial class NormalizerWorker
{
    private IConsumer<string, byte[]> BuildConsumer(WorkerOptions settings) =>
        kafka.CreateConsumerBuilder<string, byte[]>(kafka.CreateConsumerConfig(settings.GroupId))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((consumer, partitions) => OnRevoked(consumer, partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .Build();

    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _owned[partition] = new PartitionOffsets();
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var names = string.Join(", ", partitions);
            WorkerLog.PartitionsAssigned(logger, names);
        }
    }

    /// <summary>Lets the revoked partitions' in-flight records finish (bounded), stores and commits their offsets, then lets them go.</summary>
    private void OnRevoked(IConsumer<string, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var names = string.Join(", ", partitions.Select(partition => partition.TopicPartition));
            WorkerLog.PartitionsRevoked(logger, names);
        }

        var deadline = DateTime.UtcNow + options.Value.RevokeDrainTimeout;
        while (DateTime.UtcNow < deadline && partitions.Any(partition => PendingOf(partition.TopicPartition) > 0))
        {
            Thread.Sleep(PollTimeout);
            StoreCompleted(consumer);
        }

        foreach (var partition in partitions)
        {
            if (PendingOf(partition.TopicPartition) is var pending and > 0)
            {
                WorkerLog.RevokeDrainTimedOut(logger, partition.Partition.Value, pending, options.Value.RevokeDrainTimeout);
            }

            _owned.TryRemove(partition.TopicPartition, out _);
            metrics.ForgetLag(partition.Partition.Value);
        }

        CommitStored(consumer);
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            var names = string.Join(", ", partitions.Select(partition => partition.TopicPartition));
            WorkerLog.PartitionsLost(logger, names);
        }

        foreach (var partition in partitions)
        {
            _owned.TryRemove(partition.TopicPartition, out _);
            metrics.ForgetLag(partition.Partition.Value);
        }
    }

    private int PendingOf(TopicPartition partition) =>
        _owned.TryGetValue(partition, out var offsets) ? offsets.PendingCount : 0;

    private void CommitStored(IConsumer<string, byte[]> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing was stored since the last commit.
        }
        catch (KafkaException ex)
        {
            WorkerLog.OffsetCommitFailed(logger, ex.Error.Reason);
        }
    }
}
