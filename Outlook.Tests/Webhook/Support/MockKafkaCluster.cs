using Confluent.Kafka;

namespace Outlook.Tests.Webhook.Support;

/// <summary>
/// librdkafka's mock cluster, a real Kafka protocol endpoint on loopback TCP. A client with
/// test.mock.num.brokers owns the cluster; its metadata gives the address other clients use.
/// Topics are created on first use.
/// </summary>
internal sealed class MockKafkaCluster : IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly IProducer<Null, Null> _owner;

    public MockKafkaCluster()
    {
        var config = new ProducerConfig { BootstrapServers = "mock:0" };
        config.Set("test.mock.num.brokers", "1");
        _owner = new ProducerBuilder<Null, Null>(config).SetLogHandler((_, _) => { }).Build();

        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var brokers = admin.GetMetadata(MetadataTimeout).Brokers;
        BootstrapServers = string.Join(",", brokers.Select(broker => $"{broker.Host}:{broker.Port}"));
    }

    public string BootstrapServers { get; }

    public void Dispose() => _owner.Dispose();
}
