using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.GraphAccess;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Subscriptions;
using Outlook.Subscriptions.Throttling;
using Outlook.Subscriptions.Users;

namespace Outlook.Subscriptions.Recovery;

/// <summary>
/// Detects that Redis lost a tenant's state (its state marker is missing) and seeds it again.
/// A user sync writes identities and watched mailboxes, Graph's list of this application's
/// subscriptions gives the subscription hashes, and every mailbox gets a resync request, because
/// delta links and dedup keys were lost too.
/// </summary>
public sealed partial class StateRecovery(
    GraphClientProvider graph,
    GraphThrottle throttle,
    UserSync users,
    MailboxStore store,
    StateMarkerStore markers,
    SubscriptionManager subscriptions,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time,
    ILogger<StateRecovery> logger)
{
    // Graph's clock and ours may differ, so messages modified this long before the last whole state are resynced too.
    private static readonly TimeSpan ClockOverlap = TimeSpan.FromMinutes(10);

    // Process memory survives a Redis restart, so it bounds what a resync must cover.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _wholeAt = new(StringComparer.OrdinalIgnoreCase);

    public Task<bool> IsMarkerPresentAsync(string tenantId) => markers.HasMarkerAsync(tenantId);

    /// <summary>
    /// Re-seeds the tenant's state when its marker is missing. Returns false when the marker was
    /// present; true when the state was re-seeded or the tenant is seeded for the first time.
    /// </summary>
    public async Task<bool> EnsureStateAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (await markers.HasMarkerAsync(tenantId))
        {
            return false;
        }

        var listed = await ListOwnSubscriptionsAsync(tenantId, cancellationToken);
        var known = _wholeAt.TryGetValue(tenantId, out var wholeAt);
        if (!known && listed.Count == 0)
        {
            // No state, no subscriptions at Graph and no memory of either: a first start, not a loss.
            await markers.SetMarkerAsync(tenantId);
            LogFirstStart(tenantId);
            return true;
        }

        var since = (known ? wholeAt : time.GetUtcNow() - options.Value.StateLossResyncWindow) - ClockOverlap;
        LogStateLost(tenantId, listed.Count, since);

        await users.SyncAsync(tenantId, cancellationToken);
        var watched = (await store.ListMailboxesAsync(tenantId)).ToHashSet(StringComparer.Ordinal);
        var adopted = await AdoptAsync(tenantId, listed, watched, cancellationToken);

        // Resync requests go in before the marker, so a crash in between repeats the recovery
        // instead of leaving mailboxes without their resync.
        await markers.RequestResyncsAsync(tenantId, watched, since);
        await markers.SetMarkerAsync(tenantId);
        LogReseeded(tenantId, watched.Count, adopted);
        return true;
    }

    /// <summary>Remembers that the tenant's state was whole at <paramref name="checkedAt"/>.</summary>
    public void ConfirmWhole(string tenantId, DateTimeOffset checkedAt) => _wholeAt[tenantId] = checkedAt;

    /// <summary>
    /// Stores each listed subscription of a watched mailbox again, with the clientState Graph
    /// returns, so its notifications verify at once. A duplicate, a subscription of a mailbox no
    /// longer watched, or one without a clientState is deleted; the cycle creates what is missing.
    /// </summary>
    private async Task<int> AdoptAsync(
        string tenantId, IReadOnlyList<Subscription> listed, HashSet<string> watched, CancellationToken cancellationToken)
    {
        // NOTE: the emulator returns clientState when listing, but Graph may return null. Then
        // every subscription is deleted and recreated, so only the resync covers the gap.
        var adopted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subscription in listed)
        {
            var mailboxId = SubscriptionResources.MailboxOf(subscription.Resource);
            if (mailboxId is not null
                && watched.Contains(mailboxId)
                && !string.IsNullOrEmpty(subscription.ClientState)
                && subscription.ExpirationDateTime is { } expiresAt
                && adopted.Add(mailboxId))
            {
                var record = new SubscriptionRecord(subscription.Id!, subscription.Resource!, subscription.ClientState, expiresAt);
                await store.SaveSubscriptionAsync(tenantId, mailboxId, record, replacedId: null);
                continue;
            }

            await subscriptions.DeleteAtGraphAsync(tenantId, mailboxId, subscription.Id!, cancellationToken);
        }

        return adopted.Count;
    }

    /// <summary>Lists the tenant's subscriptions that deliver to this deployment's notification URL.</summary>
    private async Task<List<Subscription>> ListOwnSubscriptionsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var notificationUrl = options.Value.NotificationUrl!;
        var client = graph.GetClient(tenantId);
        var own = new List<Subscription>();
        var page = await throttle.SendAsync(
            tenantId, null, "subscriptions.list",
            token => client.Subscriptions.GetAsync(GraphRequests.Configure, token),
            cancellationToken);
        while (page is not null)
        {
            own.AddRange(page.Value?.Where(subscription =>
                subscription.Id is not null
                && Uri.TryCreate(subscription.NotificationUrl, UriKind.Absolute, out var url)
                && url == notificationUrl) ?? []);
            if (page.OdataNextLink is not { } nextLink)
            {
                break;
            }

            page = await throttle.SendAsync(
                tenantId, null, "subscriptions.list",
                token => client.Subscriptions.WithUrl(nextLink).GetAsync(GraphRequests.Configure, token),
                cancellationToken);
        }

        return own;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} has no state in Redis and no subscriptions at Graph; seeding it for the first time")]
    private partial void LogFirstStart(string tenantId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis lost the state of tenant {TenantId} (its state marker is missing); re-seeding it from Graph ({SubscriptionCount} subscriptions listed) and resyncing messages changed since {Since:o}")]
    private partial void LogStateLost(string tenantId, int subscriptionCount, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Re-seeded tenant {TenantId}: {MailboxCount} mailboxes queued for resync, {AdoptedCount} subscriptions stored again")]
    private partial void LogReseeded(string tenantId, int mailboxCount, int adoptedCount);
}
