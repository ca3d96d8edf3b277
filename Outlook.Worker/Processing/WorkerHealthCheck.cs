using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Outlook.Worker.Processing;

/// <summary>Healthy while the consume loop runs; unhealthy once it has stopped or failed, so the orchestrator can see a dead loop.</summary>
internal sealed class WorkerHealthCheck(NormalizerWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var task = worker.ExecuteTask;
        var result = (worker.State, task) switch
        {
            (_, { IsFaulted: true }) => HealthCheckResult.Unhealthy("The normaliser loop failed.", task.Exception?.GetBaseException()),
            (WorkerState.Faulted, _) => HealthCheckResult.Unhealthy("The normaliser loop failed."),
            (WorkerState.Running, _) => HealthCheckResult.Healthy("The normaliser loop is running."),
            (WorkerState.Starting, _) => HealthCheckResult.Degraded("The normaliser loop is starting."),
            _ => HealthCheckResult.Unhealthy("The normaliser loop has stopped."),
        };
        return Task.FromResult(result);
    }
}
