using System.Globalization;
using Outlook.Contracts;
using StackExchange.Redis;

namespace Outlook.Subscriptions.Storage;

/// <summary>Mailbox and subscription state in Redis, including the subscription hash the webhook reads.</summary>
public sealed class MailboxStore(IConnectionMultiplexer redis, TimeProvider time)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<IReadOnlyList<string>> ListMailboxesAsync(string tenantId)
    {
        var members = await Db.SortedSetRangeByRankAsync(SubscriptionKeys.Mailboxes(tenantId));
        return members.Select(member => member.ToString()).ToList();
    }

    public async Task<IReadOnlyList<string>> PageMailboxesAsync(string tenantId, int offset, int limit)
    {
        var members = await Db.SortedSetRangeByRankAsync(SubscriptionKeys.Mailboxes(tenantId), offset, offset + limit - 1);
        return members.Select(member => member.ToString()).ToList();
    }

    public Task<long> CountMailboxesAsync(string tenantId) => Db.SortedSetLengthAsync(SubscriptionKeys.Mailboxes(tenantId));

    public Task<bool> IsWatchedAsync(string tenantId, string mailboxId) =>
        Db.SortedSetScoreAsync(SubscriptionKeys.Mailboxes(tenantId), mailboxId.ToLowerInvariant())
            .ContinueWith(task => task.Result.HasValue, TaskScheduler.Default);

    public async Task AddMailboxAsync(string tenantId, string mailboxId)
    {
        var id = mailboxId.ToLowerInvariant();
        var batch = Db.CreateBatch();
        var added = batch.SortedSetAddAsync(SubscriptionKeys.Mailboxes(tenantId), id, 0);
        var state = batch.HashSetAsync(SubscriptionKeys.Mailbox(tenantId, id), "state", MailboxStates.Pending, When.NotExists);
        var poll = batch.SortedSetAddAsync(SubscriptionKeys.RulePolls(tenantId), id, 0, When.NotExists);
        batch.Execute();
        await Task.WhenAll(added, state, poll);
    }

    /// <summary>Forgets a mailbox whose user left, with its subscription hash and catch-up state.</summary>
    public async Task RemoveMailboxAsync(string tenantId, string mailboxId, string? subscriptionId)
    {
        var id = mailboxId.ToLowerInvariant();
        var transaction = Db.CreateTransaction();
        _ = transaction.SortedSetRemoveAsync(SubscriptionKeys.Mailboxes(tenantId), id);
        _ = transaction.SortedSetRemoveAsync(SubscriptionKeys.Expiries(tenantId), id);
        _ = transaction.SortedSetRemoveAsync(SubscriptionKeys.RulePolls(tenantId), id);
        _ = transaction.HashDeleteAsync(SubscriptionKeys.Activity(tenantId), id);
        _ = transaction.KeyDeleteAsync(
        [
            SubscriptionKeys.Mailbox(tenantId, id),
            SubscriptionKeys.Folders(tenantId, id),
            SubscriptionKeys.FolderDeltaLink(tenantId, id),
            SubscriptionKeys.DeltaSyncedAt(tenantId, id),
            RedisKeys.RuleSnapshot(tenantId, id),
        ]);
        if (subscriptionId is not null)
        {
            _ = transaction.KeyDeleteAsync(RedisKeys.Subscription(subscriptionId));
        }

        await transaction.ExecuteAsync();
    }

    public async Task<MailboxState> GetStateAsync(string tenantId, string mailboxId)
    {
        var id = mailboxId.ToLowerInvariant();
        var fields = (await Db.HashGetAllAsync(SubscriptionKeys.Mailbox(tenantId, id)))
            .ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString(), StringComparer.Ordinal);

        return new MailboxState(
            tenantId,
            id,
            fields.GetValueOrDefault("subscriptionId"),
            ParseTime(fields.GetValueOrDefault("expiresAt")),
            fields.GetValueOrDefault("state") ?? MailboxStates.Pending,
            ParseTime(fields.GetValueOrDefault("lastRenewedAt")),
            ParseTime(fields.GetValueOrDefault("lastCatchUpAt")),
            fields.GetValueOrDefault("lastError"));
    }

    /// <summary>
    /// Stores a new subscription: the hash the webhook checks clientState against, the mailbox's
    /// state and its place in the renewal order. A replaced subscription's hash is deleted.
    /// </summary>
    public async Task SaveSubscriptionAsync(string tenantId, string mailboxId, SubscriptionRecord subscription, string? replacedId)
    {
        var id = mailboxId.ToLowerInvariant();
        var expiresAt = Format(subscription.ExpiresAt);
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(RedisKeys.Subscription(subscription.Id),
        [
            new("tenantId", tenantId),
            new("mailboxId", id),
            new("clientState", subscription.ClientState),
            new("expiresAt", expiresAt),
            new("resource", subscription.Resource),
        ]);
        _ = transaction.HashSetAsync(SubscriptionKeys.Mailbox(tenantId, id),
        [
            new("subscriptionId", subscription.Id),
            new("expiresAt", expiresAt),
            new("state", MailboxStates.Active),
            new("lastRenewedAt", Format(time.GetUtcNow())),
        ]);
        _ = transaction.HashDeleteAsync(SubscriptionKeys.Mailbox(tenantId, id), "lastError");
        _ = transaction.SortedSetAddAsync(SubscriptionKeys.Expiries(tenantId), id, subscription.ExpiresAt.ToUnixTimeMilliseconds());
        if (replacedId is not null && replacedId != subscription.Id)
        {
            _ = transaction.KeyDeleteAsync(RedisKeys.Subscription(replacedId));
        }

        await transaction.ExecuteAsync();
    }

    public async Task SaveRenewalAsync(string tenantId, string mailboxId, string subscriptionId, DateTimeOffset expiresAt)
    {
        var id = mailboxId.ToLowerInvariant();
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(RedisKeys.Subscription(subscriptionId), "expiresAt", Format(expiresAt));
        _ = transaction.HashSetAsync(SubscriptionKeys.Mailbox(tenantId, id),
        [
            new("expiresAt", Format(expiresAt)),
            new("state", MailboxStates.Active),
            new("lastRenewedAt", Format(time.GetUtcNow())),
        ]);
        _ = transaction.HashDeleteAsync(SubscriptionKeys.Mailbox(tenantId, id), "lastError");
        _ = transaction.SortedSetAddAsync(SubscriptionKeys.Expiries(tenantId), id, expiresAt.ToUnixTimeMilliseconds());
        await transaction.ExecuteAsync();
    }

    public Task SaveErrorAsync(string tenantId, string mailboxId, string error) =>
        Db.HashSetAsync(SubscriptionKeys.Mailbox(tenantId, mailboxId),
        [
            new("state", MailboxStates.Failed),
            new("lastError", error),
        ]);

    public Task SaveCatchUpAsync(string tenantId, string mailboxId)
    {
        var now = time.GetUtcNow();
        var batch = Db.CreateBatch();
        var state = batch.HashSetAsync(SubscriptionKeys.Mailbox(tenantId, mailboxId), "lastCatchUpAt", Format(now));
        var activity = batch.HashSetAsync(SubscriptionKeys.Activity(tenantId), mailboxId.ToLowerInvariant(), now.ToUnixTimeMilliseconds());
        batch.Execute();
        return Task.WhenAll(state, activity);
    }

    /// <summary>Returns watched mailboxes that have no subscription yet.</summary>
    public async Task<IReadOnlyList<string>> UnsubscribedMailboxesAsync(string tenantId)
    {
        var members = await Db.SortedSetCombineAsync(
            SetOperation.Difference, [SubscriptionKeys.Mailboxes(tenantId), SubscriptionKeys.Expiries(tenantId)]);
        return members.Select(member => member.ToString()).ToList();
    }

    /// <summary>Counts mailboxes without a subscription, with a live one and with an expired one.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(string tenantId, DateTimeOffset now)
    {
        var mailboxes = await Db.SortedSetLengthAsync(SubscriptionKeys.Mailboxes(tenantId));
        var subscribed = await Db.SortedSetLengthAsync(SubscriptionKeys.Expiries(tenantId));
        var expired = await Db.SortedSetLengthAsync(SubscriptionKeys.Expiries(tenantId), double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        return new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["unsubscribed"] = Math.Max(0, mailboxes - subscribed),
            ["active"] = subscribed - expired,
            ["expired"] = expired,
        };
    }

    /// <summary>Returns the mailboxes whose subscription expires at or before <paramref name="until"/>.</summary>
    public async Task<IReadOnlyList<string>> DueRenewalsAsync(string tenantId, DateTimeOffset until)
    {
        var members = await Db.SortedSetRangeByScoreAsync(
            SubscriptionKeys.Expiries(tenantId), double.NegativeInfinity, until.ToUnixTimeMilliseconds());
        return members.Select(member => member.ToString()).ToList();
    }

    public async Task<IReadOnlyList<string>> DueRulePollsAsync(string tenantId, DateTimeOffset now)
    {
        var members = await Db.SortedSetRangeByScoreAsync(
            SubscriptionKeys.RulePolls(tenantId), double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        return members.Select(member => member.ToString()).ToList();
    }

    public Task ScheduleRulePollAsync(string tenantId, string mailboxId, DateTimeOffset next) =>
        Db.SortedSetAddAsync(SubscriptionKeys.RulePolls(tenantId), mailboxId.ToLowerInvariant(), next.ToUnixTimeMilliseconds());

    /// <summary>Returns watched mailboxes with no activity recorded since <paramref name="silentSince"/>.</summary>
    public async Task<IReadOnlyList<string>> SilentMailboxesAsync(string tenantId, DateTimeOffset silentSince)
    {
        var mailboxes = await ListMailboxesAsync(tenantId);
        var activity = await Db.HashGetAllAsync(SubscriptionKeys.Activity(tenantId));
        var lastSeen = activity.ToDictionary(entry => entry.Name.ToString(), entry => (long)entry.Value, StringComparer.Ordinal);
        var threshold = silentSince.ToUnixTimeMilliseconds();
        return mailboxes.Where(mailbox => lastSeen.GetValueOrDefault(mailbox) < threshold).ToList();
    }

    public Task RecordActivityAsync(string tenantId, IEnumerable<KeyValuePair<string, long>> lastSeen) =>
        Db.HashSetAsync(
            SubscriptionKeys.Activity(tenantId),
            lastSeen.Select(entry => new HashEntry(entry.Key.ToLowerInvariant(), entry.Value)).ToArray());

    public Task RequestResyncAsync(string tenantId, string mailboxId) =>
        Db.SetAddAsync(SubscriptionKeys.ResyncRequests(tenantId), mailboxId.ToLowerInvariant());

    public async Task<IReadOnlyList<string>> TakeResyncRequestsAsync(string tenantId)
    {
        var members = await Db.SetPopAsync(SubscriptionKeys.ResyncRequests(tenantId), 1000);
        return members.Select(member => member.ToString()).ToList();
    }

    public async Task<string?> GetClientStateAsync(string subscriptionId) =>
        await Db.HashGetAsync(RedisKeys.Subscription(subscriptionId), "clientState");

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
}
