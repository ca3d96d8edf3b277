using Microsoft.Extensions.Options;
using Outlook.Subscriptions.CatchUp;
using Outlook.Subscriptions.Health;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Recovery;
using Outlook.Subscriptions.Rules;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Subscriptions;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Users;

namespace Outlook.Subscriptions.Scheduling;

/// <summary>
/// One pass of the leader's work for a tenant: recovery of lost Redis state, user sync when due,
/// resyncs after a state loss, missing subscriptions, due renewals, forced resyncs, sweeps of
/// silent mailboxes and due rule polls.
/// </summary>
public sealed partial class TenantCycle(
    UserSync users,
    SubscriptionManager subscriptions,
    DeltaCatchUp catchUp,
    RulePoller rules,
    MailboxStore store,
    StateMarkerStore markers,
    StateRecovery recovery,
    RenewalPlanner planner,
    SyncHealth health,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time,
    SubscriptionsTelemetry telemetry,
    ILogger<TenantCycle> logger)
{
    private DateTimeOffset _nextUserSync = DateTimeOffset.MinValue;
    private int _failedOperations;
    private int _succeededOperations;

    public async Task RunAsync(string tenantId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _failedOperations = 0;
        _succeededOperations = 0;
        var checkedAt = time.GetUtcNow();
        var reseeded = await recovery.EnsureStateAsync(tenantId, cancellationToken);

        // Before the unsubscribed mailboxes get a baseline: after a state loss every mailbox is
        // unsubscribed in Redis, and a baseline would skip the messages of the outage.
        var stateResyncs = await markers.PendingResyncsAsync(tenantId);
        await ForEachMailboxAsync(
            tenantId,
            [.. stateResyncs.Keys],
            "state resync",
            (tenant, mailboxId, token) => ResyncAfterStateLossAsync(tenant, mailboxId, stateResyncs[mailboxId], token),
            cancellationToken);

        if (time.GetUtcNow() >= _nextUserSync)
        {
            var (_, removed) = await users.SyncAsync(tenantId, cancellationToken);
            await ForEachMailboxAsync(tenantId, removed, "remove", subscriptions.RemoveAsync, cancellationToken);
            _nextUserSync = time.GetUtcNow() + settings.UserSyncInterval;
        }

        // NOTE: a mailbox whose create keeps failing (no licence, no permission) is retried every
        // cycle; a per-mailbox backoff stored beside lastError would spare those requests.
        var unsubscribed = await store.UnsubscribedMailboxesAsync(tenantId);
        await ForEachMailboxAsync(tenantId, unsubscribed, "ensure", subscriptions.EnsureAsync, cancellationToken);

        var due = await store.DueRenewalsAsync(tenantId, planner.DueBefore(time.GetUtcNow()));
        await ForEachMailboxAsync(tenantId, due, "renew", subscriptions.RenewAsync, cancellationToken);

        var resyncs = await store.TakeResyncRequestsAsync(tenantId);
        await ForEachMailboxAsync(tenantId, resyncs, "resync", ResyncAsync, cancellationToken);

        var silent = await store.SilentMailboxesAsync(tenantId, time.GetUtcNow() - settings.SilenceThreshold);
        await ForEachMailboxAsync(tenantId, silent, "sweep", SweepAsync, cancellationToken);

        var rulePolls = await store.DueRulePollsAsync(tenantId, time.GetUtcNow());
        await ForEachMailboxAsync(tenantId, rulePolls, "rules", PollRulesAsync, cancellationToken);

        await RecordStatesAsync(tenantId);
        if (!reseeded && stateResyncs.Count == 0)
        {
            recovery.ConfirmWhole(tenantId, checkedAt);
        }

        health.RecordCompleted(tenantId, _failedOperations, _succeededOperations);
    }

    private async Task ResyncAfterStateLossAsync(string tenantId, string mailboxId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await subscriptions.CreateIfMissingAsync(tenantId, mailboxId, cancellationToken);
        await catchUp.ResyncChangedSinceAsync(tenantId, mailboxId, since, cancellationToken);
        await markers.CompleteResyncAsync(tenantId, mailboxId);
    }

    private async Task ResyncAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        await subscriptions.EnsureAsync(tenantId, mailboxId, cancellationToken);
        await catchUp.CatchUpAsync(tenantId, mailboxId, CatchUpMode.Full, cancellationToken);
    }

    private async Task SweepAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        // A mailbox whose subscription was just created has no delta baseline yet; EnsureAsync takes it.
        var state = await store.GetStateAsync(tenantId, mailboxId);
        if (state.SubscriptionId is null)
        {
            return;
        }

        await catchUp.CatchUpAsync(tenantId, mailboxId, CatchUpMode.Incremental, cancellationToken);
    }

    private async Task PollRulesAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        await rules.PollAsync(tenantId, mailboxId, cancellationToken);
        await store.ScheduleRulePollAsync(tenantId, mailboxId, time.GetUtcNow() + options.Value.RulePollInterval);
    }

    // One mailbox's failure is recorded on that mailbox and never stops the others.
    private async Task ForEachMailboxAsync(
        string tenantId,
        IReadOnlyList<string> mailboxes,
        string operation,
        Func<string, string, CancellationToken, Task> work,
        CancellationToken cancellationToken)
    {
        if (mailboxes.Count == 0)
        {
            return;
        }

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Value.MailboxParallelism,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(mailboxes, parallel, async (mailboxId, token) =>
        {
            try
            {
                await subscriptions.TryWithMailboxLockAsync(tenantId, mailboxId, () => work(tenantId, mailboxId, token));
                Interlocked.Increment(ref _succeededOperations);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedOperations);
                LogMailboxFailed(ex, operation, tenantId, mailboxId);
                await store.SaveErrorAsync(tenantId, mailboxId, $"{operation} failed: {ex.GetType().Name}: {ex.Message}");
            }
        });
    }

    private async Task RecordStatesAsync(string tenantId)
    {
        var counts = await store.CountByStateAsync(tenantId, time.GetUtcNow());
        foreach (var (state, count) in counts)
        {
            telemetry.SubscriptionsByState.Record(count, SubscriptionsTelemetry.Tenant(tenantId), new("outlook.subscription.state", state));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} failed for tenant {TenantId} mailbox {MailboxId}; retried at the next cycle")]
    private partial void LogMailboxFailed(Exception exception, string operation, string tenantId, string mailboxId);
}
