using Microsoft.Graph.Models;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.GraphAccess;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Throttling;
using StackExchange.Redis;

namespace Outlook.Subscriptions.Users;

/// <summary>Lists a tenant's users, keeps the identity map in Redis and returns who joined and who left.</summary>
public sealed partial class UserSync(
    GraphClientProvider graph,
    GraphThrottle throttle,
    MailboxStore store,
    IdentityMap identities,
    IConnectionMultiplexer redis,
    SubscriptionsTelemetry telemetry,
    ILogger<UserSync> logger)
{
    private static readonly string[] UserSelect = ["id", "mail", "userPrincipalName", "displayName"];

    /// <summary>Updates identities and the watched mailbox set; returns the mailboxes added and removed.</summary>
    public async Task<(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)> SyncAsync(string tenantId, CancellationToken cancellationToken)
    {
        var users = await ListUsersAsync(tenantId, cancellationToken);
        var db = redis.GetDatabase();
        foreach (var user in users)
        {
            await db.HashSetAsync(RedisKeys.Identity(tenantId, user.Id!),
            [
                new("address", user.Mail ?? ""),
                new("upn", user.UserPrincipalName ?? ""),
                new("tuid", identities.TuidFor(tenantId, user.Id!, user.Mail, user.UserPrincipalName)),
                new("displayName", user.DisplayName ?? ""),
            ]);
        }

        var current = users.Select(user => user.Id!.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var watched = (await store.ListMailboxesAsync(tenantId)).ToHashSet(StringComparer.Ordinal);
        var added = current.Where(id => !watched.Contains(id)).Order(StringComparer.Ordinal).ToList();
        var removed = watched.Where(id => !current.Contains(id)).Order(StringComparer.Ordinal).ToList();
        foreach (var mailboxId in added)
        {
            await store.AddMailboxAsync(tenantId, mailboxId);
        }

        telemetry.Mailboxes.Record(current.Count, SubscriptionsTelemetry.Tenant(tenantId));
        LogSynced(tenantId, users.Count, added.Count, removed.Count);
        return (added, removed);
    }

    // Users without a mail address have no mailbox to subscribe to; disabled accounts still receive mail.
    private async Task<List<User>> ListUsersAsync(string tenantId, CancellationToken cancellationToken)
    {
        var client = graph.GetClient(tenantId);
        var users = new List<User>();
        var page = await throttle.SendAsync(
            tenantId, null, "users.list",
            token => client.Users.GetAsync(configuration =>
            {
                GraphRequests.Configure(configuration);
                configuration.QueryParameters.Select = UserSelect;
                configuration.QueryParameters.Top = 999;
            }, token),
            cancellationToken);

        while (page is not null)
        {
            users.AddRange(page.Value?.Where(user => user.Id is not null && !string.IsNullOrEmpty(user.Mail)) ?? []);
            if (page.OdataNextLink is not { } nextLink)
            {
                break;
            }

            page = await throttle.SendAsync(
                tenantId, null, "users.list",
                token => client.Users.WithUrl(nextLink).GetAsync(GraphRequests.Configure, token),
                cancellationToken);
        }

        return users;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "User sync of tenant {TenantId}: {UserCount} mailboxes, {AddedCount} joined, {RemovedCount} left")]
    private partial void LogSynced(string tenantId, int userCount, int addedCount, int removedCount);
}
