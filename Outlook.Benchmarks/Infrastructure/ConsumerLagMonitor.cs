using Confluent.Kafka;
using Outlook.Contracts;

namespace Outlook.Benchmarks.Infrastructure;

/// <summary>
/// Samples the worker group's lag on outlook.notifications every second. The mock cluster keeps
/// only about 5 MB per partition and drops older records silently, so a run is valid only while
/// the group's committed offset stays at or above each partition's low watermark.
/// </summary>
internal sealed class ConsumerLagMonitor : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly int _partitionCount;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();

    public ConsumerLagMonitor(string bootstrapServers, string groupId, int partitionCount)
    {
        _partitionCount = partitionCount;

        // Never subscribes, so it never joins the group: it only reads the group's committed offsets.
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "lag monitor" };
        _thread.Start();
    }

    public long MaxLagRecords { get; private set; }

    /// <summary>Records produced to a partition and then dropped by retention before the group committed past them.</summary>
    public long RecordsLostToRetention { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var partitions = Enumerable.Range(0, _partitionCount).Select(p => new TopicPartition(Topics.Notifications, p)).ToList();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var committed = _consumer.Committed(partitions, TimeSpan.FromSeconds(5));
                long lag = 0;
                foreach (var offset in committed)
                {
                    var watermarks = _consumer.QueryWatermarkOffsets(offset.TopicPartition, TimeSpan.FromSeconds(5));
                    var position = offset.Offset.Value < 0 ? 0 : offset.Offset.Value;
                    lag += Math.Max(0, watermarks.High.Value - position);
                    if (watermarks.Low.Value > position)
                    {
                        RecordsLostToRetention = Math.Max(RecordsLostToRetention, watermarks.Low.Value - position);
                    }
                }

                MaxLagRecords = Math.Max(MaxLagRecords, lag);
            }
            catch (KafkaException)
            {
                // A slow answer under load; the next sample counts.
            }

            _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
        }
    }
}
