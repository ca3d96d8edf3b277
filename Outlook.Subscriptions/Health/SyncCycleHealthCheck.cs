using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Outlook.Subscriptions.Health;

/// <summary>Degraded while the last sync cycle of any tenant failed; healthy before the first cycle.</summary>
public sealed class SyncCycleHealthCheck(SyncHealth health) : IHealthCheck
{
    public const string Name = "sync-cycle";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = health.Snapshot()
            .Where(entry => entry.Value.Failure is not null)
            .Select(entry => $"tenant {entry.Key}: {entry.Value.Failure} at {entry.Value.At:o}")
            .ToList();
        var result = failed.Count == 0
            ? HealthCheckResult.Healthy("The last sync cycle of every tenant succeeded.")
            : HealthCheckResult.Degraded($"The last sync cycle failed for {string.Join("; ", failed)}.");
        return Task.FromResult(result);
    }
}
