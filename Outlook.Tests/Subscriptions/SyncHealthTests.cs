using Microsoft.Extensions.Diagnostics.HealthChecks;
using Outlook.Subscriptions.Health;

namespace Outlook.Tests.Subscriptions;

public sealed class SyncHealthTests
{
    private const string TenantId = "tenant-a";

    [Fact]
    public async Task SyncHealth_NoCycleYet_IsHealthy()
    {
        var health = new SyncHealth(TimeProvider.System);

        var result = await CheckAsync(health);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task SyncHealth_CycleThrew_IsDegraded()
    {
        var health = new SyncHealth(TimeProvider.System);

        health.RecordFailed(TenantId, new TimeoutException("Redis did not answer"));
        var result = await CheckAsync(health);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains(TenantId, result.Description, StringComparison.Ordinal);
        Assert.Contains(nameof(TimeoutException), result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncHealth_EveryMailboxOperationFailed_IsDegraded()
    {
        var health = new SyncHealth(TimeProvider.System);

        health.RecordCompleted(TenantId, failedOperations: 4, succeededOperations: 0);
        var result = await CheckAsync(health);

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task SyncHealth_SomeMailboxOperationsFailed_IsHealthy()
    {
        var health = new SyncHealth(TimeProvider.System);

        health.RecordCompleted(TenantId, failedOperations: 1, succeededOperations: 3);
        var result = await CheckAsync(health);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task SyncHealth_SuccessAfterFailure_IsHealthyAgain()
    {
        var health = new SyncHealth(TimeProvider.System);

        health.RecordFailed(TenantId, new InvalidOperationException("Graph unreachable"));
        health.RecordCompleted(TenantId, failedOperations: 0, succeededOperations: 0);
        var result = await CheckAsync(health);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    private static Task<HealthCheckResult> CheckAsync(SyncHealth health)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return new SyncCycleHealthCheck(health).CheckHealthAsync(new HealthCheckContext(), timeout.Token);
    }
}
