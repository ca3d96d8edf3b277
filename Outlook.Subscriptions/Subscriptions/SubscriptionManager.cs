using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.CatchUp;
using Outlook.Subscriptions.GraphAccess;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Throttling;

namespace Outlook.Subscriptions.Subscriptions;

/// <summary>Creates, renews, recreates and deletes the one Graph subscription of each mailbox.</summary>
public sealed partial class SubscriptionManager(
    GraphClientProvider graph,
    GraphThrottle throttle,
    SubscriptionWriteLimiter writes,
    SubscriptionRequestFactory requests,
    RenewalPlanner planner,
    MailboxStore store,
    DeltaCatchUp catchUp,
    RedisLease leases,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time,
    SubscriptionsTelemetry telemetry,
    ILogger<SubscriptionManager> logger)
{
    /// <summary>
    /// Runs <paramref name="work"/> while this replica holds the mailbox's lock, so two replicas
    /// never create, renew or recreate the same subscription at once; false when another holds it.
    /// </summary>
    public Task<bool> TryWithMailboxLockAsync(string tenantId, string mailboxId, Func<Task> work) =>
        leases.TryRunAsync(SubscriptionKeys.MailboxLock(tenantId, mailboxId), options.Value.MailboxLockDuration, work);

    /// <summary>Creates the mailbox's subscription if it has none, then takes the delta baseline.</summary>
    public async Task EnsureAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        if (await CreateIfMissingAsync(tenantId, mailboxId, cancellationToken))
        {
            await catchUp.CatchUpAsync(tenantId, mailboxId, CatchUpMode.Incremental, cancellationToken);
        }
    }

    /// <summary>Creates the mailbox's subscription if it has none; returns whether it did.</summary>
    public async Task<bool> CreateIfMissingAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(tenantId, mailboxId);
        if (state.SubscriptionId is not null)
        {
            return false;
        }

        await CreateAsync(tenantId, mailboxId, replacedId: null, cancellationToken);
        return true;
    }

    /// <summary>Extends the subscription to the longest lifetime; recreates it and catches up when Graph no longer has it.</summary>
    public async Task RenewAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(tenantId, mailboxId);
        if (state.SubscriptionId is not { } subscriptionId)
        {
            await EnsureAsync(tenantId, mailboxId, cancellationToken);
            return;
        }

        var expiresAt = planner.ExpiryFrom(time.GetUtcNow());
        try
        {
            await writes.WaitAsync(tenantId, cancellationToken);
            var client = graph.GetClient(tenantId);
            var renewed = await throttle.SendAsync(
                tenantId, mailboxId, "subscriptions.renew",
                token => client.Subscriptions[subscriptionId].PatchAsync(
                    new Subscription { ExpirationDateTime = expiresAt }, GraphRequests.Configure, token),
                cancellationToken);

            await store.SaveRenewalAsync(tenantId, mailboxId, subscriptionId, renewed?.ExpirationDateTime ?? expiresAt);
            telemetry.Renewals.Add(1, SubscriptionsTelemetry.Tenant(tenantId));
            LogRenewed(tenantId, mailboxId, subscriptionId, renewed?.ExpirationDateTime ?? expiresAt);
        }
        catch (Exception ex) when (ThrottledResponse.StatusOf(ex) == 404)
        {
            LogRenewalNotFound(tenantId, mailboxId, subscriptionId);
            await RecreateAsync(tenantId, mailboxId, cancellationToken);
        }
    }

    /// <summary>Replaces a subscription Graph removed, then catches up the gap it left.</summary>
    public async Task RecreateAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(tenantId, mailboxId);
        if (state.SubscriptionId is { } oldId)
        {
            await DeleteAtGraphAsync(tenantId, mailboxId, oldId, cancellationToken);
        }

        await CreateAsync(tenantId, mailboxId, state.SubscriptionId, cancellationToken);
        telemetry.Recreations.Add(1, SubscriptionsTelemetry.Tenant(tenantId));
        await catchUp.CatchUpAsync(tenantId, mailboxId, CatchUpMode.Incremental, cancellationToken);
    }

    /// <summary>Deletes the subscription of a mailbox whose user left and forgets the mailbox.</summary>
    public async Task RemoveAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(tenantId, mailboxId);
        if (state.SubscriptionId is { } subscriptionId)
        {
            await DeleteAtGraphAsync(tenantId, mailboxId, subscriptionId, cancellationToken);
        }

        await store.RemoveMailboxAsync(tenantId, mailboxId, state.SubscriptionId);
        LogRemoved(tenantId, mailboxId);
    }

    private async Task<SubscriptionRecord> CreateAsync(
        string tenantId, string mailboxId, string? replacedId, CancellationToken cancellationToken)
    {
        var clientState = ClientStates.Create();
        var request = requests.Create(mailboxId, clientState, planner.ExpiryFrom(time.GetUtcNow()));

        await writes.WaitAsync(tenantId, cancellationToken);
        var client = graph.GetClient(tenantId);
        var created = await throttle.SendAsync(
            tenantId, mailboxId, "subscriptions.create",
            token => client.Subscriptions.PostAsync(request, GraphRequests.Configure, token),
            cancellationToken);

        if (created?.Id is not { } subscriptionId)
        {
            throw new InvalidDataException($"Graph created a subscription for mailbox {mailboxId} but returned no id.");
        }

        var record = new SubscriptionRecord(
            subscriptionId,
            created.Resource ?? request.Resource!,
            clientState,
            created.ExpirationDateTime ?? request.ExpirationDateTime!.Value);
        await store.SaveSubscriptionAsync(tenantId, mailboxId, record, replacedId);
        telemetry.Created.Add(1, SubscriptionsTelemetry.Tenant(tenantId));
        LogCreated(tenantId, mailboxId, subscriptionId, record.ExpiresAt);
        return record;
    }

    /// <summary>Deletes a subscription at Graph; one Graph no longer has counts as deleted.</summary>
    public async Task DeleteAtGraphAsync(string tenantId, string? mailboxId, string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            var client = graph.GetClient(tenantId);
            await throttle.SendAsync<object?>(
                tenantId, mailboxId, "subscriptions.delete",
                async token =>
                {
                    await client.Subscriptions[subscriptionId].DeleteAsync(GraphRequests.Configure, token);
                    return null;
                },
                cancellationToken);
        }
        catch (Exception ex) when (ThrottledResponse.StatusOf(ex) == 404)
        {
            // Already gone at Graph, which is the state wanted.
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Created subscription {SubscriptionId} for tenant {TenantId} mailbox {MailboxId}, expiring {ExpiresAt:o}")]
    private partial void LogCreated(string tenantId, string mailboxId, string subscriptionId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Renewed subscription {SubscriptionId} of tenant {TenantId} mailbox {MailboxId} until {ExpiresAt:o}")]
    private partial void LogRenewed(string tenantId, string mailboxId, string subscriptionId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Renewal of subscription {SubscriptionId} of tenant {TenantId} mailbox {MailboxId} returned 404; recreating it and catching up")]
    private partial void LogRenewalNotFound(string tenantId, string mailboxId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped watching tenant {TenantId} mailbox {MailboxId}: the user no longer has a mailbox")]
    private partial void LogRemoved(string tenantId, string mailboxId);
}
