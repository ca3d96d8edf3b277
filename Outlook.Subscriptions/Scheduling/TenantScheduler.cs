using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.Health;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Recovery;
using Outlook.Subscriptions.Storage;
using StackExchange.Redis;

namespace Outlook.Subscriptions.Scheduling;

/// <summary>
/// Runs each configured tenant's cycle on this replica while it holds that tenant's lease, so
/// exactly one replica schedules a tenant's renewals, recreations, polls and sweeps.
/// </summary>
public sealed partial class TenantScheduler(
    IServiceProvider services,
    IOptionsMonitor<TenantsOptions> tenants,
    RedisLease leases,
    StateRecovery recovery,
    SyncHealth health,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time,
    ILogger<TenantScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseReleaseTimeout = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tenantIds = tenants.CurrentValue.Tenants.Select(tenant => tenant.TenantId).Distinct(StringComparer.OrdinalIgnoreCase);
        return Task.WhenAll(tenantIds.Select(tenantId => RunTenantAsync(tenantId, stoppingToken)));
    }

    private async Task RunTenantAsync(string tenantId, CancellationToken stoppingToken)
    {
        var cycle = ActivatorUtilities.CreateInstance<TenantCycle>(services);
        var leaseKey = SubscriptionKeys.TenantLease(tenantId);
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var token = await leases.TryAcquireAsync(leaseKey, settings.LeaseDuration);
                if (token is null)
                {
                    await Task.Delay(settings.LeaseDuration / 3, time, stoppingToken);
                    continue;
                }

                LogLeaseTaken(tenantId);
                await LeadAsync(tenantId, cycle, leaseKey, token, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCycleFailed(ex, tenantId);
                health.RecordFailed(tenantId, ex);
                // Not the whole schedule interval: once Redis is back the lease is free, and the
                // sooner a leader runs, the sooner lost state is re-seeded.
                await Task.Delay(settings.LeaseDuration / 3, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task LeadAsync(string tenantId, TenantCycle cycle, string leaseKey, string token, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var leadership = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = KeepLeaseAsync(tenantId, leaseKey, token, leadership);
        try
        {
            while (!leadership.IsCancellationRequested)
            {
                try
                {
                    await cycle.RunAsync(tenantId, leadership.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCycleFailed(ex, tenantId);
                    health.RecordFailed(tenantId, ex);
                }

                await WaitForNextCycleAsync(tenantId, leadership.Token);
            }
        }
        catch (OperationCanceledException) when (leadership.IsCancellationRequested)
        {
            // Shutdown, or the lease was lost: either way this replica stops leading.
        }
        finally
        {
            await leadership.CancelAsync();
            await renewal;
            await ReleaseLeaseAsync(tenantId, leaseKey, token);
        }
    }

    /// <summary>
    /// Releases the lease so that another replica can lead at once. At shutdown Redis may already
    /// be gone, so the wait is bounded and the lease then expires by itself.
    /// </summary>
    private async Task ReleaseLeaseAsync(string tenantId, string leaseKey, string token)
    {
        try
        {
            await leases.ReleaseAsync(leaseKey, token).WaitAsync(LeaseReleaseTimeout);
            LogLeaseReleased(tenantId);
        }
        catch (Exception ex) when (ex is TimeoutException or RedisException)
        {
            LogLeaseReleaseFailed(ex, tenantId);
        }
    }

    /// <summary>
    /// Waits the schedule interval, but returns early once the tenant's state marker is missing,
    /// so that state Redis lost is re-seeded within a state check interval.
    /// </summary>
    private async Task WaitForNextCycleAsync(string tenantId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = time.GetUtcNow() + settings.ScheduleInterval;
        while (time.GetUtcNow() < due)
        {
            var remaining = due - time.GetUtcNow();
            await Task.Delay(remaining < settings.StateCheckInterval ? remaining : settings.StateCheckInterval, time, cancellationToken);
            try
            {
                if (!await recovery.IsMarkerPresentAsync(tenantId))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Redis is unreachable, so the next check or cycle finds out whether it came back empty.
            }
        }
    }

    private async Task KeepLeaseAsync(string tenantId, string leaseKey, string token, CancellationTokenSource leadership)
    {
        var duration = options.Value.LeaseDuration;
        try
        {
            while (!leadership.IsCancellationRequested)
            {
                await Task.Delay(duration / 3, time, leadership.Token);
                if (!await leases.RenewAsync(leaseKey, token, duration))
                {
                    LogLeaseLost(tenantId);
                    await leadership.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Leadership ended.
        }
        catch (Exception ex)
        {
            // Without a renewable lease another replica may take over; stop leading rather than race it.
            LogLeaseRenewalFailed(ex, tenantId);
            await leadership.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica now leads tenant {TenantId}")]
    private partial void LogLeaseTaken(string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica stopped leading tenant {TenantId}")]
    private partial void LogLeaseReleased(string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the lease of tenant {TenantId} failed; it expires by itself")]
    private partial void LogLeaseReleaseFailed(Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease of tenant {TenantId} was taken by another replica; stopping work on it")]
    private partial void LogLeaseLost(string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of tenant {TenantId} failed; stopping work on it")]
    private partial void LogLeaseRenewalFailed(Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cycle of tenant {TenantId} failed; retrying after the schedule interval")]
    private partial void LogCycleFailed(Exception exception, string tenantId);
}
