using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Faults;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Graph;

/// <summary>
/// Delta queries for one folder's messages and for the mailbox's folders. Pages follow
/// @odata.nextLink until one carries @odata.deltaLink; removals come as @removed entries; a link
/// issued before the admin API expired delta links gets 410 SyncStateNotFound.
/// </summary>
public static class DeltaEndpoints
{
    private const string FoldersKey = "*folders*";

    public static void MapDeltaEndpoints(this RouteGroupBuilder graph)
    {
        graph.MapGet("/users/{userId}/mailFolders/{folderId}/messages/delta", MessagesDelta);
        graph.MapGet("/users/{userId}/mailFolders/delta", FoldersDelta);
    }

    private static IResult MessagesDelta(
        string userId, string folderId, HttpContext context, MailboxStore mailboxes, FaultState faults, IOptions<EmulatorOptions> options)
    {
        if (mailboxes.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        lock (mailbox.Sync)
        {
            if (mailbox.FindFolder(folderId) is not { } folder)
            {
                return GraphErrors.ItemNotFound();
            }

            if (ReadToken(context, folder.Id, mailbox, faults, out var token) is { } error)
            {
                return error;
            }

            var select = GraphJson.ParseSelect(token!.Select);
            var changed = mailbox.Messages
                .Where(m => m.FolderId == folder.Id && m.ChangeSequence > token.Cursor && m.ChangeSequence <= token.UpTo)
                .Select(m => (m.ChangeSequence, Item: MessageItem(m, select)));
            var removed = token.Initial
                ? []
                : mailbox.TombstonesAfter(token.Cursor)
                    .Where(t => !t.IsFolder && t.FolderId == folder.Id && t.ChangeSequence <= token.UpTo)
                    .Select(t => (t.ChangeSequence, Item: Removed(t.ItemId, "#microsoft.graph.message")));
            var link = $"{GraphRoutes.BaseUrl(context.Request)}/users/{mailbox.UserId}/mailFolders('{folder.Id}')/messages/delta";
            return Page(changed.Concat(removed), token, link, options.Value.PageSize, "Collection(message)", context);
        }
    }

    private static IResult FoldersDelta(
        string userId, HttpContext context, MailboxStore mailboxes, FaultState faults, IOptions<EmulatorOptions> options)
    {
        if (mailboxes.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        lock (mailbox.Sync)
        {
            if (ReadToken(context, FoldersKey, mailbox, faults, out var token) is { } error)
            {
                return error;
            }

            var select = GraphJson.ParseSelect(token!.Select);
            var changed = mailbox.Folders
                .Where(f => f.ChangeSequence > token.Cursor && f.ChangeSequence <= token.UpTo)
                .Select(f => (f.ChangeSequence, Item: FolderItem(mailbox, f, select)));
            var removed = token.Initial
                ? []
                : mailbox.TombstonesAfter(token.Cursor)
                    .Where(t => t.IsFolder && t.ChangeSequence <= token.UpTo)
                    .Select(t => (t.ChangeSequence, Item: Removed(t.ItemId, "#microsoft.graph.mailFolder")));
            var link = $"{GraphRoutes.BaseUrl(context.Request)}/users/{mailbox.UserId}/mailFolders/delta";
            return Page(changed.Concat(removed), token, link, options.Value.PageSize, "Collection(mailFolder)", context);
        }
    }

    /// <summary>Reads $skiptoken or $deltatoken, or starts an initial round; returns an error for an unusable token.</summary>
    private static IResult? ReadToken(HttpContext context, string scope, Mailbox mailbox, FaultState faults, out DeltaToken? token)
    {
        var query = context.Request.Query;
        var skip = query["$skiptoken"].ToString();
        var delta = query["$deltatoken"].ToString();
        if (skip.Length == 0 && delta.Length == 0)
        {
            token = new DeltaToken(scope, 0, mailbox.CurrentSequence, Initial: true, faults.DeltaGeneration, query["$select"]);
            return null;
        }

        token = DeltaToken.TryDecode(skip.Length > 0 ? skip : delta);
        if (token is null || token.FolderId != scope)
        {
            return GraphErrors.BadRequest("The delta or skip token is malformed or belongs to another folder.");
        }

        if (token.Generation != faults.DeltaGeneration)
        {
            return GraphErrors.SyncStateNotFound();
        }

        if (delta.Length > 0)
        {
            token = token with { UpTo = mailbox.CurrentSequence, Initial = false };
        }

        return null;
    }

    private static IResult Page(
        IEnumerable<(long Sequence, JsonObject Item)> items, DeltaToken token, string link, int pageSize, string type, HttpContext context)
    {
        var ordered = items.OrderBy(i => i.Sequence).Take(pageSize + 1).ToList();
        var hasMore = ordered.Count > pageSize;
        var page = ordered.Take(pageSize).ToList();
        var body = new JsonObject
        {
            ["@odata.context"] = $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#{type}",
        };
        if (hasMore)
        {
            var next = token with { Cursor = page[^1].Sequence };
            body["@odata.nextLink"] = $"{link}?$skiptoken={next.Encode()}";
        }
        else
        {
            var next = token with { Cursor = token.UpTo, Initial = false };
            body["@odata.deltaLink"] = $"{link}?$deltatoken={next.Encode()}";
        }

        body["value"] = new JsonArray([.. page.Select(i => (JsonNode)i.Item)]);
        return Results.Json(body);
    }

    private static JsonObject MessageItem(EmulatedMessage message, IReadOnlyList<string>? select)
    {
        var item = new JsonObject { ["@odata.type"] = "#microsoft.graph.message" };
        foreach (var (name, value) in MessageJson.Build(message, select))
        {
            item[name] = value?.DeepClone();
        }

        return item;
    }

    private static JsonObject FolderItem(Mailbox mailbox, MailFolder folder, IReadOnlyList<string>? select)
    {
        var item = new JsonObject { ["@odata.type"] = "#microsoft.graph.mailFolder" };
        foreach (var (name, value) in GraphJson.Project(FolderJson.Build(mailbox, folder), select, "id"))
        {
            item[name] = value?.DeepClone();
        }

        return item;
    }

    private static JsonObject Removed(string id, string type) => new()
    {
        ["@odata.type"] = type,
        ["id"] = id,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };
}
