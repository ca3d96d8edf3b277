using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Kafka;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker.Processing;

/// <summary>
/// Consumes outlook.notifications and hands each record to its mailbox's lane. The loop's thread
/// owns the consumer: lanes report finished offsets through a queue, and the loop stores an
/// offset only when every earlier offset of that partition is finished, so a crash redelivers
/// rather than loses. Stored offsets are committed by librdkafka's auto-commit and on close.
/// </summary>
internal sealed partial class NormalizerWorker(
    KafkaClientFactory kafka,
    MailboxDispatcher dispatcher,
    WorkerMetrics metrics,
    IOptions<WorkerOptions> options,
    ILogger<NormalizerWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<TopicPartition, PartitionOffsets> _owned = new();
    private readonly ConcurrentQueue<TopicPartitionOffset> _completed = new();
    private IConsumer<string, byte[]>? _consumer;
    private bool _paused;

    public WorkerState State { get; private set; } = WorkerState.Starting;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's Consume blocks, so the loop gets its own thread rather than a pool thread.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task Run(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var processing = new CancellationTokenSource();
        using var consumer = BuildConsumer(settings);
        _consumer = consumer;
        try
        {
            consumer.Subscribe(Topics.Notifications);
            WorkerLog.Started(logger, Topics.Notifications, settings.GroupId);
            State = WorkerState.Running;
            Loop(consumer, processing.Token, stoppingToken);
            await DrainAsync(consumer, processing, settings.RevokeDrainTimeout);
            consumer.Close();
            State = WorkerState.Stopped;
            WorkerLog.Stopped(logger);
        }
        catch (Exception ex)
        {
            State = WorkerState.Faulted;
            WorkerLog.LoopFailed(logger, ex);
            await processing.CancelAsync();
            throw;
        }
    }

    private void Loop(IConsumer<string, byte[]> consumer, CancellationToken processingToken, CancellationToken stoppingToken)
    {
        var nextLagRefresh = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            StoreCompleted(consumer);
            if (dispatcher.Fault is { } fault)
            {
                throw new InvalidOperationException("A mailbox lane failed; the worker stops so the records are redelivered.", fault);
            }

            ApplyBackpressure(consumer);
            if (DateTime.UtcNow >= nextLagRefresh)
            {
                RefreshLag(consumer);
                nextLagRefresh = DateTime.UtcNow + options.Value.LagRefreshInterval;
            }

            var result = Consume(consumer);
            if (result is null || result.IsPartitionEOF || !_owned.TryGetValue(result.TopicPartition, out var offsets))
            {
                continue;
            }

            offsets.Consumed(result.Offset.Value);
            dispatcher.Dispatch(result, IsOwned, _completed.Enqueue, processingToken);
        }
    }

    private ConsumeResult<string, byte[]>? Consume(IConsumer<string, byte[]> consumer)
    {
        try
        {
            return consumer.Consume(PollTimeout);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            WorkerLog.ConsumeFailed(logger, ex.Error.Reason);
            return null;
        }
    }

    private bool IsOwned(TopicPartition partition) => _owned.ContainsKey(partition);

    /// <summary>Stores the committable offset of each partition whose finished records advanced it.</summary>
    private void StoreCompleted(IConsumer<string, byte[]> consumer)
    {
        while (_completed.TryDequeue(out var done))
        {
            if (!_owned.TryGetValue(done.TopicPartition, out var offsets) || offsets.Completed(done.Offset.Value) is not { } next)
            {
                continue;
            }

            try
            {
                consumer.StoreOffset(new TopicPartitionOffset(done.TopicPartition, next));
            }
            catch (KafkaException ex)
            {
                // The partition was taken away between the check and the store; the new owner redelivers.
                WorkerLog.OffsetCommitFailed(logger, ex.Error.Reason);
            }
        }
    }

    /// <summary>Pauses every partition while too many records are unfinished, so memory stays bounded and the consumer keeps polling.</summary>
    private void ApplyBackpressure(IConsumer<string, byte[]> consumer)
    {
        var pending = _owned.Values.Sum(offsets => offsets.PendingCount);
        var max = options.Value.MaxPendingRecords;
        if (!_paused && pending >= max)
        {
            consumer.Pause(consumer.Assignment);
            _paused = true;
        }
        else if (_paused && pending <= max / 2)
        {
            consumer.Resume(consumer.Assignment);
            _paused = false;
        }
    }

    private void RefreshLag(IConsumer<string, byte[]> consumer)
    {
        foreach (var partition in _owned.Keys)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High != Offset.Unset && position != Offset.Unset)
            {
                metrics.SetLag(partition.Partition.Value, Math.Max(0, watermarks.High.Value - position.Value));
            }
        }
    }

    private async Task DrainAsync(IConsumer<string, byte[]> consumer, CancellationTokenSource processing, TimeSpan timeout)
    {
        // Records in flight get a grace period to finish, so their offsets can be stored before close.
        await dispatcher.WaitIdleAsync(timeout);
        await processing.CancelAsync();
        await dispatcher.WaitIdleAsync(timeout);
        StoreCompleted(consumer);
    }
}
