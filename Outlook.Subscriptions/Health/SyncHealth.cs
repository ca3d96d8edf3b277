using System.Collections.Concurrent;

namespace Outlook.Subscriptions.Health;

/// <summary>The outcome of each tenant's last sync cycle on this replica, read by <see cref="SyncCycleHealthCheck"/>.</summary>
public sealed class SyncHealth(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CycleOutcome> _last = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Records a cycle that ran to its end. It still counts as failed when every mailbox operation
    /// in it failed, because that is how an unreachable Graph shows. One failing mailbox among
    /// working ones is recorded on that mailbox instead.
    /// </summary>
    public void RecordCompleted(string tenantId, int failedOperations, int succeededOperations) =>
        _last[tenantId] = failedOperations > 0 && succeededOperations == 0
            ? new CycleOutcome(time.GetUtcNow(), $"all {failedOperations} mailbox operations failed")
            : new CycleOutcome(time.GetUtcNow(), null);

    /// <summary>Records a cycle that stopped on an exception (Redis or Graph unreachable, lease not taken).</summary>
    public void RecordFailed(string tenantId, Exception exception) =>
        _last[tenantId] = new CycleOutcome(time.GetUtcNow(), $"{exception.GetType().Name} was thrown");

    /// <summary>Returns the last outcome per tenant id.</summary>
    public IReadOnlyDictionary<string, CycleOutcome> Snapshot() => new Dictionary<string, CycleOutcome>(_last, StringComparer.OrdinalIgnoreCase);
}

/// <summary>When a tenant's cycle ended, and why it failed (null when it succeeded).</summary>
public sealed record CycleOutcome(DateTimeOffset At, string? Failure);
