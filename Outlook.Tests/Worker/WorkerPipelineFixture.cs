using Outlook.AppHost.Infrastructure;
using Outlook.Contracts;
using Outlook.Tests.Common;
using StackExchange.Redis;

namespace Outlook.Tests.Worker;

/// <summary>
/// Real infrastructure for worker pipeline tests: librdkafka's mock Kafka cluster hosted in the
/// test process (so it outlives a killed worker) and a redis-server started on a free port.
/// </summary>
public sealed class WorkerPipelineFixture : IAsyncLifetime
{
    public const int PartitionCount = 3;

    private KafkaMockCluster? _kafka;
    private RedisServer? _redis;

    public string KafkaBootstrap => _kafka?.BootstrapServers ?? throw new InvalidOperationException("Kafka has not started.");

    public string RedisConnection { get; private set; } = "";

    public IConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _kafka = new KafkaMockCluster(brokerCount: 1);
        foreach (var topic in Topics.All)
        {
            _kafka.CreateTopic(topic, PartitionCount);
        }

        _redis = await RedisServer.StartAsync();
        RedisConnection = _redis.ConnectionString;
        Redis = _redis.Connection;
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _kafka?.Dispose();
    }
}
