using System.Text.Json.Nodes;
using Outlook.GraphEmulator.Mail;

namespace Outlook.GraphEmulator.Graph;

/// <summary>GET one message (honouring $select), list a folder's messages, and list a message's attachments.</summary>
public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this RouteGroupBuilder graph)
    {
        graph.MapGet("/users/{userId}/messages/{messageId}", (string userId, string messageId, HttpContext context, MailboxStore mailboxes) =>
            Get(userId, null, messageId, context, mailboxes));
        graph.MapGet("/users/{userId}/mailFolders/{folderId}/messages/{messageId}", Get);
        graph.MapGet("/users/{userId}/messages/{messageId}/attachments", Attachments);
        graph.MapGet("/users/{userId}/mailFolders/{folderId}/messages", List);
    }

    private static IResult Get(string userId, string? folderId, string messageId, HttpContext context, MailboxStore mailboxes)
    {
        if (mailboxes.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        JsonObject full;
        lock (mailbox.Sync)
        {
            var message = mailbox.FindMessage(messageId);
            if (message is null || (folderId is not null && mailbox.FindFolder(folderId)?.Id != message.FolderId))
            {
                return GraphErrors.ItemNotFound();
            }

            full = MessageJson.Build(message);
        }

        var select = GraphJson.ParseSelect(context.Request.Query["$select"]);
        if (GraphJson.UnknownProperties(full, select).FirstOrDefault() is { } unknown)
        {
            return UserEndpoints.UnknownProperty(unknown, "message");
        }

        var result = GraphJson.Project(full, select, "id");
        result.Insert(0, "@odata.context", $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users('{mailbox.UserId}')/messages/$entity");
        return Results.Json(result);
    }

    private static IResult List(string userId, string folderId, HttpContext context, MailboxStore mailboxes)
    {
        if (mailboxes.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        var select = GraphJson.ParseSelect(context.Request.Query["$select"]);
        var top = int.TryParse(context.Request.Query["$top"], out var requestedTop) && requestedTop is > 0 and <= 1000 ? requestedTop : 10;
        var skip = int.TryParse(context.Request.Query["$skip"], out var requestedSkip) && requestedSkip > 0 ? requestedSkip : 0;
        List<JsonNode> page;
        int total;
        lock (mailbox.Sync)
        {
            if (mailbox.FindFolder(folderId) is not { } folder)
            {
                return GraphErrors.ItemNotFound();
            }

            var inFolder = mailbox.Messages.Where(m => m.FolderId == folder.Id).OrderByDescending(m => m.ReceivedDateTime).ToList();
            total = inFolder.Count;
            page = [.. inFolder.Skip(skip).Take(top).Select(m => (JsonNode)MessageJson.Build(m, select))];
        }

        var body = new JsonObject
        {
            ["@odata.context"] = $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users('{mailbox.UserId}')/mailFolders('{folderId}')/messages",
        };
        if (skip + top < total)
        {
            var selectPart = select is null ? "" : $"&$select={Uri.EscapeDataString(string.Join(',', select))}";
            body["@odata.nextLink"] = $"{GraphRoutes.BaseUrl(context.Request)}/users/{mailbox.UserId}/mailFolders/{folderId}/messages?$top={top}&$skip={skip + top}{selectPart}";
        }

        body["value"] = new JsonArray([.. page]);
        return Results.Json(body);
    }

    private static IResult Attachments(string userId, string messageId, HttpContext context, MailboxStore mailboxes)
    {
        if (mailboxes.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        lock (mailbox.Sync)
        {
            if (mailbox.FindMessage(messageId) is not { } message)
            {
                return GraphErrors.ItemNotFound();
            }

            var attachments = message.AttachmentNames.Select((name, index) => (JsonNode)new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.fileAttachment",
                ["id"] = $"{message.Id}-att{index}",
                ["lastModifiedDateTime"] = GraphJson.Time(message.LastModifiedDateTime),
                ["name"] = name,
                ["contentType"] = "application/pdf",
                ["size"] = 1024 * (index + 1),
                ["isInline"] = false,
            });
            return Results.Json(new JsonObject
            {
                ["@odata.context"] = $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users('{mailbox.UserId}')/messages('{message.Id}')/attachments",
                ["value"] = new JsonArray([.. attachments]),
            });
        }
    }
}
