using System.Text.Json.Nodes;
using Outlook.GraphEmulator.Mail;

namespace Outlook.GraphEmulator.Graph;

/// <summary>GET /users/{id}/mailFolders (top-level folders), one folder by id or well-known name, and its child folders.</summary>
public static class MailFolderEndpoints
{
    public static void MapMailFolderEndpoints(this RouteGroupBuilder graph)
    {
        graph.MapGet("/users/{userId}/mailFolders", (string userId, HttpContext context, MailboxStore mailboxes) =>
            List(userId, null, context, mailboxes));
        graph.MapGet("/users/{userId}/mailFolders/{folderId}/childFolders", List);
        graph.MapGet("/users/{userId}/mailFolders/{folderId}", Get);
    }

    private static IResult List(string userId, string? folderId, HttpContext context, MailboxStore mailboxes)
    {
        if (mailboxes.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        var select = GraphJson.ParseSelect(context.Request.Query["$select"]);
        List<JsonNode> folders;
        lock (mailbox.Sync)
        {
            var parentId = folderId is null ? mailbox.RootFolderId : mailbox.FindFolder(folderId)?.Id;
            if (parentId is null)
            {
                return GraphErrors.ItemNotFound();
            }

            folders = [.. mailbox.Folders
                .Where(f => f.ParentFolderId == parentId)
                .Select(f => (JsonNode)GraphJson.Project(FolderJson.Build(mailbox, f), select, "id"))];
        }

        return Results.Json(new JsonObject
        {
            ["@odata.context"] = $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users('{mailbox.UserId}')/mailFolders",
            ["value"] = new JsonArray([.. folders]),
        });
    }

    private static IResult Get(string userId, string folderId, HttpContext context, MailboxStore mailboxes)
    {
        if (mailboxes.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        JsonObject folder;
        lock (mailbox.Sync)
        {
            if (mailbox.FindFolder(folderId) is not { } found)
            {
                return GraphErrors.ItemNotFound();
            }

            folder = FolderJson.Build(mailbox, found);
        }

        var result = GraphJson.Project(folder, GraphJson.ParseSelect(context.Request.Query["$select"]), "id");
        result.Insert(0, "@odata.context", $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users('{mailbox.UserId}')/mailFolders/$entity");
        return Results.Json(result);
    }
}
