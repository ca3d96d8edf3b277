using Microsoft.Extensions.Options;
using Outlook.Subscriptions.CatchUp;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Rules;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Subscriptions;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Users;

namespace Outlook.Subscriptions.Scheduling;

/// <summary>
/// One pass of the leader's work for a tenant: user sync when due, missing subscriptions,
/// due renewals, forced resyncs, sweeps of silent mailboxes and due rule polls.
/// </summary>
public sealed partial class TenantCycle(
    UserSync users,
    SubscriptionManager subscriptions,
    DeltaCatchUp catchUp,
    RulePoller rules,
    MailboxStore store,
    RenewalPlanner planner,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time,
    SubscriptionsTelemetry telemetry,
    ILogger<TenantCycle> logger)
{
    private DateTimeOffset _nextUserSync = DateTimeOffset.MinValue;

    public async Task RunAsync(string tenantId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
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
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
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
