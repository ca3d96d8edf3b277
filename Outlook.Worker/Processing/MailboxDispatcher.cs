using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Outlook.Worker.Processing;

/// <summary>
/// Runs one lane per Kafka key (a tenant's mailbox): records of one mailbox are processed strictly
/// in order, records of different mailboxes concurrently. A lane ends when its queue is empty, so
/// idle mailboxes cost nothing.
/// </summary>
internal sealed class MailboxDispatcher(MailboxBatchProcessor processor, IOptions<WorkerOptions> options)
{
    private readonly Dictionary<string, Queue<ConsumeResult<string, byte[]>>> _lanes = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _running = [];
    private readonly Lock _lock = new();

    /// <summary>The first exception that escaped a lane; the consume loop stops on it.</summary>
    public Exception? Fault { get; private set; }

    public void Dispatch(ConsumeResult<string, byte[]> result, Func<TopicPartition, bool> isOwned, Action<TopicPartitionOffset> completed, CancellationToken cancellationToken)
    {
        var key = result.Message.Key ?? "";
        lock (_lock)
        {
            if (_lanes.TryGetValue(key, out var queue))
            {
                queue.Enqueue(result);
                return;
            }

            _lanes[key] = new Queue<ConsumeResult<string, byte[]>>([result]);
            Task task = null!;
            task = Task.Run(async () =>
            {
                await RunLaneAsync(key, isOwned, completed, cancellationToken);
                lock (_lock)
                {
                    _running.Remove(task);
                }
            }, CancellationToken.None);
            _running.Add(task);
        }
    }

    /// <summary>Waits until every lane has finished or the timeout passes; returns false on timeout.</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout)
    {
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }

        var all = Task.WhenAll(running);
        return await Task.WhenAny(all, Task.Delay(timeout)) == all;
    }

    private async Task RunLaneAsync(string key, Func<TopicPartition, bool> isOwned, Action<TopicPartitionOffset> completed, CancellationToken cancellationToken)
    {
        try
        {
            while (TakeBatch(key) is { } batch)
            {
                // Records of a partition this worker no longer owns are left for the new owner.
                var owned = batch.Where(result => isOwned(result.TopicPartition)).ToList();
                await processor.ProcessAsync(owned, completed, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandon(key);
        }
        catch (Exception ex)
        {
            Fault ??= ex;
            Abandon(key);
        }
    }

    private List<ConsumeResult<string, byte[]>>? TakeBatch(string key)
    {
        lock (_lock)
        {
            var queue = _lanes[key];
            if (queue.Count == 0)
            {
                _lanes.Remove(key);
                return null;
            }

            var batch = new List<ConsumeResult<string, byte[]>>();
            while (batch.Count < options.Value.MailboxBatchSize && queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            return batch;
        }
    }

    private void Abandon(string key)
    {
        lock (_lock)
        {
            _lanes.Remove(key);
        }
    }
}
