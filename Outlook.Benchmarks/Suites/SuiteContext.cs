using Outlook.Benchmarks.Infrastructure;
using Outlook.Benchmarks.Load;
using Outlook.Benchmarks.Reporting;
using StackExchange.Redis;

namespace Outlook.Benchmarks.Suites;

/// <summary>What every suite shares: the options, the report, the repository root and helpers to start a stack.</summary>
internal sealed class SuiteContext(BenchmarkOptions options, BenchmarkReport report, string repositoryRoot, CancellationToken cancellationToken)
{
    public BenchmarkOptions Options => options;

    public BenchmarkReport Report => report;

    public string RepositoryRoot => repositoryRoot;

    public CancellationToken CancellationToken => cancellationToken;

    public int PartitionCount => Options.Integer("partitions", 12);

    public int SubscriptionCount => Options.Integer("subscriptions", 1000);

    public string LogDirectory => Path.Combine(Options.Text("output", Path.Combine(repositoryRoot, "Outlook.Benchmarks", "results")), "logs");

    /// <summary>Starts Redis and Kafka, seeds the subscriptions, and returns the payload source for them.</summary>
    public async Task<(LocalStack Stack, NotificationPayloads Payloads)> StartStackAsync(string name)
    {
        var stack = await LocalStack.StartAsync(repositoryRoot, Path.Combine(LogDirectory, name), PartitionCount, cancellationToken);
        var payloads = new NotificationPayloads(SubscriptionCount, Guid.NewGuid().ToString("N")[..8]);
        using var redis = await ConnectionMultiplexer.ConnectAsync(stack.RedisConnection);
        await payloads.SeedAsync(redis);
        return (stack, payloads);
    }

    public static Uri NotificationsUrl(Uri baseUrl) => new(baseUrl, "api/notifications");

    public static void Log(string message) => Console.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {message} (load average {ProcessStats.LoadAverage():0.0})");
}
