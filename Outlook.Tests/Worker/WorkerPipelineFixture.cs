using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    private Process? _redis;

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

        var port = FreePort();
        _redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        RedisConnection = $"127.0.0.1:{port}";
        Redis = await ConnectRedisAsync(RedisConnection);
    }

    private static async Task<IConnectionMultiplexer> ConnectRedisAsync(string connection)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        while (true)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync(connection);
            }
            catch (RedisConnectionException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            await _redis.WaitForExitAsync();
        }

        _redis?.Dispose();
        _kafka?.Dispose();
    }
}
