using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.CatchUp;
using Outlook.Subscriptions.GraphAccess;
using Outlook.Subscriptions.Kafka;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Throttling;
using StackExchange.Redis;

namespace Outlook.Subscriptions.Folders;

/// <summary>
/// Follows mailFolders/delta of a mailbox and produces folder created, updated (renamed or
/// moved) and deleted records; Graph pushes no notifications for folders.
/// </summary>
public sealed partial class FolderSync(
    GraphClientProvider graph,
    GraphThrottle throttle,
    NotificationProducer producer,
    IConnectionMultiplexer redis,
    TimeProvider time,
    SubscriptionsTelemetry telemetry,
    ILogger<FolderSync> logger)
{
    private static readonly string[] FolderSelect = ["id", "displayName", "parentFolderId"];

    /// <summary>Applies the folder changes since the last sync and returns the ids of every known folder.</summary>
    public async Task<IReadOnlyList<string>> SyncAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var linkKey = SubscriptionKeys.FolderDeltaLink(tenantId, mailboxId);
        var known = await LoadAsync(db, tenantId, mailboxId);
        var link = (string?)await db.StringGetAsync(linkKey);

        var (items, deltaLink, complete) = await ReadDeltaAsync(tenantId, mailboxId, link, cancellationToken);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            await ApplyAsync(db, tenantId, mailboxId, item, known, seen, cancellationToken);
        }

        // A full listing names every folder that exists; any other known folder was deleted.
        if (complete)
        {
            foreach (var folderId in known.Keys.Where(id => !seen.Contains(id)).ToList())
            {
                await ProduceAsync(tenantId, mailboxId, "deleted", new FolderChangeData(folderId, known[folderId].DisplayName, known[folderId].ParentFolderId, null), cancellationToken);
                await db.HashDeleteAsync(SubscriptionKeys.Folders(tenantId, mailboxId), folderId);
                known.Remove(folderId);
            }
        }

        await db.StringSetAsync(linkKey, deltaLink);
        return known.Keys.ToList();
    }

    private async Task<(List<JsonElement> Items, string DeltaLink, bool Complete)> ReadDeltaAsync(
        string tenantId, string mailboxId, string? link, CancellationToken cancellationToken)
    {
        var client = graph.GetClient(tenantId);
        var request = link is null ? InitialRequest(client, mailboxId) : GraphRequests.ForLink(link);
        var complete = link is null;
        var restarted = false;
        var items = new List<JsonElement>();
        while (true)
        {
            JsonDocument page;
            try
            {
                var pageRequest = request;
                page = await throttle.SendAsync(
                    tenantId, mailboxId, "mailFolders.delta",
                    token => GraphRequests.SendForJsonAsync(client, pageRequest, token),
                    cancellationToken);
            }
            catch (Exception ex) when (DeltaErrors.IsExpired(ex) && !restarted)
            {
                LogLinkExpired(tenantId, mailboxId);
                restarted = true;
                complete = true;
                items.Clear();
                request = InitialRequest(client, mailboxId);
                continue;
            }

            using (page)
            {
                if (page.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
                {
                    items.AddRange(value.EnumerateArray().Select(item => item.Clone()));
                }

                if (page.RootElement.TryGetProperty("@odata.nextLink", out var next) && next.GetString() is { } nextLink)
                {
                    request = GraphRequests.ForLink(nextLink);
                    continue;
                }

                if (page.RootElement.TryGetProperty("@odata.deltaLink", out var delta) && delta.GetString() is { } deltaLink)
                {
                    return (items, deltaLink, complete);
                }

                throw new InvalidDataException($"A mailFolders/delta page of mailbox {mailboxId} carried neither @odata.nextLink nor @odata.deltaLink.");
            }
        }
    }

    private async Task ApplyAsync(
        IDatabase db,
        string tenantId,
        string mailboxId,
        JsonElement item,
        Dictionary<string, FolderState> known,
        HashSet<string> seen,
        CancellationToken cancellationToken)
    {
        if (!item.TryGetProperty("id", out var idElement) || idElement.GetString() is not { } folderId)
        {
            return;
        }

        var hashKey = SubscriptionKeys.Folders(tenantId, mailboxId);
        known.TryGetValue(folderId, out var previous);
        if (item.TryGetProperty("@removed", out _))
        {
            if (previous is not null)
            {
                await ProduceAsync(tenantId, mailboxId, "deleted", new FolderChangeData(folderId, previous.DisplayName, previous.ParentFolderId, null), cancellationToken);
                await db.HashDeleteAsync(hashKey, folderId);
                known.Remove(folderId);
            }

            return;
        }

        seen.Add(folderId);
        var current = new FolderState(ReadString(item, "displayName") ?? "", ReadString(item, "parentFolderId"));
        if (previous == current)
        {
            return;
        }

        var changeType = previous is null ? "created" : "updated";
        var renamedFrom = previous is not null && previous.DisplayName != current.DisplayName ? previous.DisplayName : null;
        await ProduceAsync(tenantId, mailboxId, changeType, new FolderChangeData(folderId, current.DisplayName, current.ParentFolderId, renamedFrom), cancellationToken);
        await db.HashSetAsync(hashKey, folderId, JsonSerializer.Serialize(current, FolderJsonContext.Default.FolderState));
        known[folderId] = current;
    }

    private async Task ProduceAsync(string tenantId, string mailboxId, string changeType, FolderChangeData data, CancellationToken cancellationToken)
    {
        var resourceData = JsonSerializer.SerializeToElement(data, FolderJsonContext.Default.FolderChangeData);
        var record = new NotificationRecord
        {
            Kind = RecordKinds.Folder,
            Origin = RecordOrigins.FolderDelta,
            TenantId = tenantId,
            MailboxId = mailboxId,
            ChangeType = changeType,
            Resource = $"Users/{mailboxId}/MailFolders/{data.Id}",
            ResourceId = data.Id,
            ReceivedAt = time.GetUtcNow(),
            ResourceData = resourceData,
            ChangeKey = ChangeKeys.ForItem(RecordKinds.Folder, tenantId, mailboxId, data.Id, changeType, $"{data.DisplayName}\u001f{data.ParentFolderId}"),
        };

        if (await producer.ProduceIfNewAsync(record, cancellationToken))
        {
            telemetry.FolderChanges.Add(1, SubscriptionsTelemetry.Tenant(tenantId), new("outlook.change_type", changeType));
        }
    }

    private static async Task<Dictionary<string, FolderState>> LoadAsync(IDatabase db, string tenantId, string mailboxId)
    {
        var entries = await db.HashGetAllAsync(SubscriptionKeys.Folders(tenantId, mailboxId));
        var known = new Dictionary<string, FolderState>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (JsonSerializer.Deserialize(entry.Value.ToString(), FolderJsonContext.Default.FolderState) is { } state)
            {
                known[entry.Name.ToString()] = state;
            }
        }

        return known;
    }

    private static RequestInformation InitialRequest(GraphServiceClient client, string mailboxId) =>
        client.Users[mailboxId].MailFolders.Delta.ToGetRequestInformation(
            configuration => configuration.QueryParameters.Select = FolderSelect);

    private static string? ReadString(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Folder delta link of tenant {TenantId} mailbox {MailboxId} expired; listing every folder again")]
    private partial void LogLinkExpired(string tenantId, string mailboxId);
}
