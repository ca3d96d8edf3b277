namespace Outlook.AppHost.Infrastructure;

/// <summary>
/// A Kafka protocol endpoint on librdkafka's mock cluster, listening on 127.0.0.1 inside the
/// AppHost process. It keeps about 5 MB per partition and drops older records silently, so it
/// serves development and tests only.
/// </summary>
internal sealed class KafkaMockCluster : IDisposable
{
    private readonly Lock _gate = new();
    private nint _handle;
    private nint _cluster;

    public KafkaMockCluster(int brokerCount)
    {
        _handle = LibrdkafkaMock.CreateOwnerHandle();
        _cluster = LibrdkafkaMock.ClusterNew(_handle, brokerCount);
        if (_cluster == 0)
        {
            LibrdkafkaMock.KafkaDestroy(_handle);
            _handle = 0;
            throw new InvalidOperationException("librdkafka could not create the mock Kafka cluster.");
        }

        // Consumers in tests join one at a time; the broker's default 3 s wait before the first
        // rebalance would only add latency.
        LibrdkafkaMock.GroupInitialRebalanceDelayMs(_cluster, 0);
        BootstrapServers = LibrdkafkaMock.Bootstraps(_cluster);
    }

    public string BootstrapServers { get; }

    public void CreateTopic(string topic, int partitionCount)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == 0, this);
            var error = LibrdkafkaMock.TopicCreate(_cluster, topic, partitionCount, replicationFactor: 1);
            if (error != 0)
            {
                throw new InvalidOperationException($"The mock Kafka cluster could not create topic '{topic}' (librdkafka error {error}).");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // The cluster must go before the handle that owns it, or librdkafka aborts the process.
            if (_cluster != 0)
            {
                LibrdkafkaMock.ClusterDestroy(_cluster);
                _cluster = 0;
            }

            if (_handle != 0)
            {
                LibrdkafkaMock.KafkaDestroy(_handle);
                _handle = 0;
            }
        }
    }
}
