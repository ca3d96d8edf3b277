using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Outlook.Contracts.Events;

namespace Outlook.Tests.EndToEnd;

/// <summary>One record read from a topic: where it sat, and its bytes.</summary>
public sealed record TopicRecord(string Topic, int Partition, long Offset, string? Key, byte[] Value)
{
    public string Text => Encoding.UTF8.GetString(Value);
}

/// <summary>
/// Reads every topic it is given from the beginning, in its own consumer group, on a background
/// thread, and keeps every record; events on outlook.events are also parsed.
/// </summary>
public sealed class EventTopicReader : IAsyncDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<TopicRecord> _records = new();
    private readonly ConcurrentQueue<(TopicRecord Record, NormalizedEvent Event)> _events = new();
    private readonly Task _loop;

    public EventTopicReader(string bootstrapServers, IEnumerable<string> topics)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "e2e-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 50,
        }).Build();
        _consumer.Subscribe(topics);
        _loop = Task.Factory.StartNew(Consume, TaskCreationOptions.LongRunning);
    }

    public IReadOnlyList<TopicRecord> Records => [.. _records];

    /// <summary>Events in the order they were read; within one partition that is offset order.</summary>
    public IReadOnlyList<(TopicRecord Record, NormalizedEvent Event)> Events => [.. _events];

    public int EventCount => _events.Count;

    private void Consume()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException)
            {
                // A broker outage during a fault test; the consumer reconnects by itself.
                continue;
            }

            if (result?.Message?.Value is not { } value)
            {
                continue;
            }

            var record = new TopicRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, value);
            _records.Enqueue(record);
            if (result.Topic == Outlook.Contracts.Topics.Events
                && JsonSerializer.Deserialize(value, EventJsonContext.Default.NormalizedEvent) is { } normalized)
            {
                _events.Enqueue((record, normalized));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
