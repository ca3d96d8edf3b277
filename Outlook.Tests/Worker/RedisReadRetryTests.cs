using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Outlook.Tests.Common;
using Outlook.Worker.Identity;
using Outlook.Worker.Telemetry;
using StackExchange.Redis;

namespace Outlook.Tests.Worker;

/// <summary>Redis reads the worker cannot do without wait out an outage instead of failing the record.</summary>
public sealed class RedisReadRetryTests : IDisposable
{
    // Longer than the client's async timeout below, so a read without retries would fail.
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(2);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task IdentityResolver_RedisRestarted_ResolvesAfterwards()
    {
        await using var redis = await RedisServer.StartAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        await using var client = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},asyncTimeout=500,syncTimeout=500,connectTimeout=500");
        var resolver = CreateResolver(client);
        await redis.StopAsync();

        var resolving = resolver.ResolveAsync("tenant-1", "mailbox-1", timeout.Token);
        await Task.Delay(OutageLength, timeout.Token);
        var completedDuringOutage = resolving.IsCompleted;
        await redis.RestartAsync();
        var identity = await resolving;

        // The restarted server is empty, so the owner resolves as unmapped.
        Assert.False(completedDuringOutage);
        Assert.False(identity.Mapped);
        Assert.Equal("mailbox-1", identity.Address);
    }

    [Fact]
    public async Task IdentityResolver_RedisDown_StopsOnCancellation()
    {
        await using var redis = await RedisServer.StartAsync();
        var resolver = CreateResolver(redis.Connection);
        await redis.StopAsync();
        using var stopping = new CancellationTokenSource(ShortWait);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolver.ResolveAsync("tenant-1", "mailbox-1", stopping.Token));
    }

    public void Dispose() => _services.Dispose();

    private IdentityResolver CreateResolver(IConnectionMultiplexer redis) =>
        new(redis, new RedisReadRetry(NullLogger<RedisReadRetry>.Instance), new WorkerMetrics(_services.GetRequiredService<IMeterFactory>()));
}
