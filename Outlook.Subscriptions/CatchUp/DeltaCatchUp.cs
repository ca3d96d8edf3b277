using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.Folders;
using Outlook.Subscriptions.GraphAccess;
using Outlook.Subscriptions.Kafka;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Throttling;
using StackExchange.Redis;

namespace Outlook.Subscriptions.CatchUp;

/// <summary>
/// Finds message changes Graph did not push: folder by folder, follows the stored delta link to
/// a new deltaLink and produces each change to the notifications topic like a webhook record.
/// </summary>
public sealed partial class DeltaCatchUp(
    GraphClientProvider graph,
    GraphThrottle throttle,
    FolderSync folders,
    NotificationProducer producer,
    MailboxStore store,
    IConnectionMultiplexer redis,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time,
    SubscriptionsTelemetry telemetry,
    ILogger<DeltaCatchUp> logger)
{
    // Messages received this long before the last completed round (or before a baseline) are
    // produced again; dedup drops the ones already produced.
    private static readonly TimeSpan ResyncOverlap = TimeSpan.FromMinutes(10);

    /// <summary>Syncs folders, then catches up every folder of the mailbox; returns the records produced.</summary>
    public Task<int> CatchUpAsync(string tenantId, string mailboxId, CatchUpMode mode, CancellationToken cancellationToken) =>
        RunAsync(tenantId, mailboxId, mode, changedSince: null, cancellationToken);

    /// <summary>
    /// Reads every folder from scratch and produces the messages modified at or after
    /// <paramref name="changedSince"/>, for a mailbox whose delta links and dedup keys were lost.
    /// </summary>
    public Task<int> ResyncChangedSinceAsync(string tenantId, string mailboxId, DateTimeOffset changedSince, CancellationToken cancellationToken) =>
        RunAsync(tenantId, mailboxId, CatchUpMode.Full, changedSince, cancellationToken);

    private async Task<int> RunAsync(
        string tenantId, string mailboxId, CatchUpMode mode, DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        // In a mailbox caught up before, a folder without a delta link is new since that round or
        // lost its link. All its messages are produced then, because a baseline would skip them.
        var state = await store.GetStateAsync(tenantId, mailboxId);
        var round = new RoundContext(changedSince ?? state.LastCatchUpAt, changedSince);
        var folderIds = await folders.SyncAsync(tenantId, mailboxId, cancellationToken);
        var produced = 0;
        foreach (var folderId in folderIds)
        {
            try
            {
                produced += await CatchUpFolderAsync(tenantId, mailboxId, folderId, mode, round, cancellationToken);
            }
            catch (DeltaResyncFailedException ex)
            {
                LogResyncFailed(ex, tenantId, mailboxId, folderId);
            }
        }

        await store.SaveCatchUpAsync(tenantId, mailboxId);
        telemetry.CatchUps.Add(1, SubscriptionsTelemetry.Tenant(tenantId));
        telemetry.CatchUpRecords.Add(produced, SubscriptionsTelemetry.Tenant(tenantId));
        LogCaughtUp(tenantId, mailboxId, folderIds.Count, produced, mode);
        return produced;
    }

    private async Task<int> CatchUpFolderAsync(
        string tenantId, string mailboxId, string folderId, CatchUpMode mode, RoundContext round, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var linkKey = RedisKeys.DeltaLink(tenantId, mailboxId, folderId);
        var link = mode == CatchUpMode.Full ? null : (string?)await db.StringGetAsync(linkKey);
        var syncedAt = round.ChangedSince ?? await GetSyncedAtAsync(db, tenantId, mailboxId, folderId) ?? round.PreviousRound;
        // The mailbox's first round only takes the baseline, except for messages received in the
        // last minutes: they may have arrived before the new subscription delivered anything.
        var baseline = link is null && mode == CatchUpMode.Incremental && round.PreviousRound is null;
        var policy = new ProducePolicy(
            ReceivedSince: baseline ? time.GetUtcNow() - ResyncOverlap : null,
            ChangedSince: round.ChangedSince,
            SyncedAt: syncedAt);

        var client = graph.GetClient(tenantId);
        var request = link is null ? InitialRequest(client, mailboxId, folderId) : GraphRequests.ForLink(link);
        var restarted = false;
        var produced = 0;
        while (true)
        {
            JsonDocument page;
            try
            {
                var pageRequest = request;
                page = await throttle.SendAsync(
                    tenantId, mailboxId, "messages.delta",
                    token => GraphRequests.SendForJsonAsync(client, pageRequest, token),
                    cancellationToken);
            }
            catch (Exception ex) when (DeltaErrors.IsExpired(ex))
            {
                await db.KeyDeleteAsync(linkKey);
                if (restarted)
                {
                    throw new DeltaResyncFailedException(folderId, ex);
                }

                restarted = true;
                LogLinkExpired(tenantId, mailboxId, folderId);
                // Modification time, not receipt time: a message moved or edited since the last
                // round counts as a change, and a message's receivedDateTime may lie far in the past.
                policy = policy with { ReceivedSince = null, ChangedSince = (syncedAt ?? time.GetUtcNow()) - ResyncOverlap };
                request = InitialRequest(client, mailboxId, folderId);
                continue;
            }

            using (page)
            {
                produced += await ProducePageAsync(tenantId, mailboxId, page.RootElement, policy, cancellationToken);

                if (page.RootElement.TryGetProperty("@odata.nextLink", out var next) && next.GetString() is { } nextLink)
                {
                    request = GraphRequests.ForLink(nextLink);
                    continue;
                }

                if (page.RootElement.TryGetProperty("@odata.deltaLink", out var delta) && delta.GetString() is { } deltaLink)
                {
                    await db.StringSetAsync(linkKey, deltaLink);
                    await db.HashSetAsync(
                        SubscriptionKeys.DeltaSyncedAt(tenantId, mailboxId), folderId, time.GetUtcNow().ToUnixTimeMilliseconds());
                    return produced;
                }

                throw new InvalidDataException(
                    $"A delta page of folder {folderId} carried neither @odata.nextLink nor @odata.deltaLink.");
            }
        }
    }

    private async Task<int> ProducePageAsync(
        string tenantId, string mailboxId, JsonElement page, ProducePolicy policy, CancellationToken cancellationToken)
    {
        if (!page.TryGetProperty("value", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }

        var produced = 0;
        var now = time.GetUtcNow();
        foreach (var item in items.EnumerateArray())
        {
            if (ToRecord(tenantId, mailboxId, item, policy, now) is { } record
                && await producer.ProduceIfNewAsync(record, cancellationToken))
            {
                produced++;
            }
        }

        return produced;
    }

    private static NotificationRecord? ToRecord(
        string tenantId, string mailboxId, JsonElement item, ProducePolicy policy, DateTimeOffset now)
    {
        if (item.ValueKind != JsonValueKind.Object || ReadString(item, "id") is not { } messageId)
        {
            return null;
        }

        var removed = item.TryGetProperty("@removed", out _);
        if (!removed && policy.ReceivedSince is { } since && ReadTime(item, "receivedDateTime") is { } received && received < since)
        {
            return null;
        }

        if (!removed && policy.ChangedSince is { } changedSince
            && ReadTime(item, "lastModifiedDateTime") is { } modified && modified < changedSince)
        {
            return null;
        }

        var changeType = removed ? "deleted" : ChangeTypeOf(item, policy.SyncedAt);
        var etag = removed ? null : ReadString(item, "@odata.etag") ?? ReadString(item, "changeKey");
        return new NotificationRecord
        {
            Kind = RecordKinds.Message,
            Origin = RecordOrigins.Delta,
            TenantId = tenantId,
            MailboxId = mailboxId,
            ChangeType = changeType,
            Resource = $"Users/{mailboxId}/Messages/{messageId}",
            ResourceId = messageId,
            ReceivedAt = now,
            ResourceData = MessageMetadata.Filter(item),
            ChangeKey = ChangeKeys.ForMessage(tenantId, mailboxId, messageId, changeType, etag),
        };
    }

    // Delta does not say whether an item is new: one created after the last completed round is.
    private static string ChangeTypeOf(JsonElement item, DateTimeOffset? syncedAt) =>
        syncedAt is null || ReadTime(item, "createdDateTime") is not { } created || created >= syncedAt
            ? "created"
            : "updated";

    private RequestInformation InitialRequest(GraphServiceClient client, string mailboxId, string folderId) =>
        client.Users[mailboxId].MailFolders[folderId].Messages.Delta.ToGetRequestInformation(
            configuration => configuration.QueryParameters.Select = options.Value.DeltaSelect);

    private static async Task<DateTimeOffset?> GetSyncedAtAsync(IDatabase db, string tenantId, string mailboxId, string folderId)
    {
        var value = await db.HashGetAsync(SubscriptionKeys.DeltaSyncedAt(tenantId, mailboxId), folderId);
        return value.TryParse(out long milliseconds) ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
    }

    private static string? ReadString(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? ReadTime(JsonElement item, string name) =>
        DateTimeOffset.TryParse(ReadString(item, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary>Which items of a round become records: all, or those received or modified since a time.</summary>
    private sealed record ProducePolicy(DateTimeOffset? ReceivedSince, DateTimeOffset? ChangedSince, DateTimeOffset? SyncedAt);

    /// <summary>When the mailbox's previous round completed (null before its first), and the resync bound if any.</summary>
    private sealed record RoundContext(DateTimeOffset? PreviousRound, DateTimeOffset? ChangedSince);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Caught up tenant {TenantId} mailbox {MailboxId}: {FolderCount} folders, {Produced} records produced ({Mode})")]
    private partial void LogCaughtUp(string tenantId, string mailboxId, int folderCount, int produced, CatchUpMode mode);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Delta link of tenant {TenantId} mailbox {MailboxId} folder {FolderId} expired; starting a fresh delta for that folder")]
    private partial void LogLinkExpired(string tenantId, string mailboxId, string folderId);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Fresh delta of tenant {TenantId} mailbox {MailboxId} folder {FolderId} failed as expired again; the folder is retried at the next catch-up")]
    private partial void LogResyncFailed(Exception exception, string tenantId, string mailboxId, string folderId);
}
