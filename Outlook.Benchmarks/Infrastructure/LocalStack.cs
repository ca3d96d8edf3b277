using System.Net;
using System.Net.Sockets;
using Outlook.AppHost.Infrastructure;
using Outlook.Contracts;

namespace Outlook.Benchmarks.Infrastructure;

/// <summary>
/// Everything a run needs, started the way the AppHost's local mode starts it but without the
/// orchestrator and dashboard: redis-server on a free loopback port, librdkafka's mock Kafka
/// cluster in this process with every Outlook topic, and the services as their own processes
/// from their Release builds, so each has its own memory and CPU figures.
/// </summary>
internal sealed class LocalStack : IAsyncDisposable
{
    public const string TenantId = "bench-tenant";
    public const string DomainId = "bench-domain";
    public const string InternalDomain = "enron.com";

    private readonly List<ServiceProcess> _processes = [];

    private LocalStack(string repositoryRoot, string logDirectory, KafkaMockCluster kafka, ServiceProcess redis, string redisConnection)
    {
        RepositoryRoot = repositoryRoot;
        LogDirectory = logDirectory;
        Kafka = kafka;
        Redis = redis;
        RedisConnection = redisConnection;
        _processes.Add(redis);
    }

    public string RepositoryRoot { get; }

    public string LogDirectory { get; }

    public KafkaMockCluster Kafka { get; }

    public string KafkaBootstrap => Kafka.BootstrapServers;

    public ServiceProcess Redis { get; }

    public string RedisConnection { get; }

    public ServiceProcess? Webhook { get; private set; }

    public Uri? WebhookUrl { get; private set; }

    public List<ServiceProcess> Workers { get; } = [];

    public ServiceProcess? Bare { get; private set; }

    public Uri? BareUrl { get; private set; }

    public IEnumerable<ServiceProcess> Processes => _processes;

    public static async Task<LocalStack> StartAsync(string repositoryRoot, string logDirectory, int partitionCount, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(logDirectory);
        var kafka = new KafkaMockCluster(brokerCount: 1);
        foreach (var topic in Topics.All)
        {
            kafka.CreateTopic(topic, partitionCount);
        }

        var redisPort = FreePort();
        var redisDirectory = Directory.CreateTempSubdirectory("outlook-bench-redis-").FullName;
        var redis = ServiceProcess.Start(
            "redis",
            "redis-server",
            ["--port", redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDirectory],
            new Dictionary<string, string>(),
            logDirectory);
        var redisConnection = $"127.0.0.1:{redisPort}";
        await WaitForPortAsync(redisPort, TimeSpan.FromSeconds(10), cancellationToken);
        return new LocalStack(repositoryRoot, logDirectory, kafka, redis, redisConnection);
    }

    /// <summary>Starts the webhook from Outlook.Webhook/bin/Release and waits until /health answers.</summary>
    public async Task StartWebhookAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var environment = ServiceEnvironment(port);
        Webhook = StartDotnet("webhook", ServiceAssembly("Outlook.Webhook"), [], environment);
        WebhookUrl = new Uri($"http://127.0.0.1:{port}/");
        await WaitForHealthAsync(Webhook, WebhookUrl, cancellationToken);
    }

    /// <summary>Starts one worker replica; every replica joins the same consumer group.</summary>
    public async Task StartWorkerAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var environment = ServiceEnvironment(port);

        // Partition assignments and revocations are rare; their log lines show which replica consumed what.
        environment["Logging__LogLevel__Outlook.Worker.Processing.NormalizerWorker"] = "Information";
        var worker = StartDotnet($"worker-{Workers.Count + 1}", ServiceAssembly("Outlook.Worker"), [], environment);
        Workers.Add(worker);
        await WaitForHealthAsync(worker, new Uri($"http://127.0.0.1:{port}/"), cancellationToken);
    }

    /// <summary>Starts this program again in bare-server mode: Kestrel answering 202 and nothing else.</summary>
    public async Task StartBareAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        Bare = StartDotnet("bare", typeof(LocalStack).Assembly.Location, [BareServer.Command], environment);
        BareUrl = new Uri($"http://127.0.0.1:{port}/");
        await WaitForHealthAsync(Bare, BareUrl, cancellationToken);
    }

    public async Task StopWorkersAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
            _processes.Remove(worker);
        }

        Workers.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        // Services first, while Kafka and Redis still answer their shutdown flushes.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        Kafka.Dispose();
    }

    private Dictionary<string, string> ServiceEnvironment(int port) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["ConnectionStrings__kafka"] = KafkaBootstrap,
        ["ConnectionStrings__redis"] = RedisConnection,

        // librdkafka's mock cluster (rdkafka_mock_cgrp.c) completes every classic-protocol
        // rebalance after the group's first only when session.timeout.ms minus 1 s has passed,
        // even once all members have rejoined. The cooperative-sticky assignor needs two such
        // rebalances to hand partitions to a new member, so at librdkafka's default of 45 s a
        // second worker replica waits about 88 s and got no partition in a 30 s run. At 6 s both
        // replicas owned 6 of the 12 partitions before the load started.
        ["Kafka__Consumer__session.timeout.ms"] = "6000",
        ["Kafka__Consumer__heartbeat.interval.ms"] = "1000",
        ["Outlook__Tenants__0__TenantId"] = TenantId,
        ["Outlook__Tenants__0__DomainId"] = DomainId,
        ["Outlook__Tenants__0__InternalDomains__0"] = InternalDomain,
        // Never contacted: every benchmark notification carries its metadata, so the worker
        // does not fetch from Graph. The values only satisfy start-up validation.
        ["Outlook__Tenants__0__ClientId"] = "bench-client",
        ["Outlook__Tenants__0__ClientSecret"] = "bench-secret",
        ["Outlook__Tenants__0__AuthorityHost"] = "https://127.0.0.1:9/",
        ["Outlook__Tenants__0__GraphBaseUrl"] = "https://127.0.0.1:9/v1.0",
    };

    private ServiceProcess StartDotnet(string name, string assemblyPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"{assemblyPath} was not found; build first with: dotnet build Outlook.Benchmarks -c Release", assemblyPath);
        }

        var process = ServiceProcess.Start(name, "dotnet", [assemblyPath, .. arguments], environment, LogDirectory);
        _processes.Add(process);
        return process;
    }

    private string ServiceAssembly(string project) =>
        Path.Combine(RepositoryRoot, project, "bin", "Release", "net10.0", $"{project}.dll");

    private static async Task WaitForHealthAsync(ServiceProcess process, Uri baseUrl, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited during start-up; see {process.LogPath}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(baseUrl, "health"), timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
            {
                // One probe timed out; the overall timeout decides.
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{process.Name} did not report healthy at {baseUrl}health within 60 s; see {process.LogPath}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
    }

    private static async Task WaitForPortAsync(int port, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        while (true)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
