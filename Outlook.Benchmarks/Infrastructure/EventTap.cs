using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Outlook.Benchmarks.Load;
using Outlook.Contracts;

namespace Outlook.Benchmarks.Infrastructure;

/// <summary>
/// Reads outlook.events from its current end and records, per event, the time from the webhook's
/// receive time (header outlook-received-at, Unix milliseconds) to the event's arrival here.
/// </summary>
internal sealed class EventTap : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private long _count;
    private long _firstTimestamp;
    private long _lastTimestamp;
    private long _missingHeader;

    public EventTap(string bootstrapServers, int partitionCount)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-tap-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
            AutoOffsetReset = AutoOffsetReset.Latest,
        }).Build();

        // Assigned at each partition's current end, so nothing produced after this point is missed
        // and nothing from an earlier phase is counted.
        var positions = new List<TopicPartitionOffset>();
        for (var partition = 0; partition < partitionCount; partition++)
        {
            var topicPartition = new TopicPartition(Topics.Events, partition);
            var watermarks = _consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10));
            positions.Add(new TopicPartitionOffset(topicPartition, watermarks.High));
        }

        _consumer.Assign(positions);
        _thread = new Thread(Run) { IsBackground = true, Name = "outlook.events tap" };
        _thread.Start();
    }

    public LatencyRecorder EndToEnd { get; } = new();

    public long Count => Interlocked.Read(ref _count);

    public long MissingHeader => Interlocked.Read(ref _missingHeader);

    /// <summary>Seconds between the first and the last event seen.</summary>
    public double SpanSeconds => TimeSpan.FromTicks(Interlocked.Read(ref _lastTimestamp) - Interlocked.Read(ref _firstTimestamp)).TotalSeconds;

    /// <summary>Waits until <paramref name="expected"/> events have arrived or <paramref name="limit"/> passes; returns the count seen.</summary>
    public async Task<long> WaitForAsync(long expected, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            while (Count < expected)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The limit passed: the caller compares the count with what it expected.
        }

        return Count;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException)
            {
                continue;
            }

            if (result?.Message is null)
            {
                continue;
            }

            var now = DateTimeOffset.UtcNow;
            if (result.Message.Headers is { } headers
                && headers.TryGetLastBytes(KafkaHeaderNames.ReceivedAt, out var value)
                && long.TryParse(Encoding.ASCII.GetString(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var receivedAt))
            {
                EndToEnd.Record(now - DateTimeOffset.FromUnixTimeMilliseconds(receivedAt));
            }
            else
            {
                Interlocked.Increment(ref _missingHeader);
            }

            var ticks = now.UtcTicks;
            Interlocked.CompareExchange(ref _firstTimestamp, ticks, 0);
            Interlocked.Exchange(ref _lastTimestamp, ticks);
            Interlocked.Increment(ref _count);
        }
    }
}
