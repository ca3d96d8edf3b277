using System.Text.Json.Nodes;
using Outlook.GraphEmulator.Mail;

namespace Outlook.GraphEmulator.Graph;

/// <summary>GET the inbox rules of a mailbox, all or one by id. Graph serves rules only on the inbox.</summary>
public static class MessageRuleEndpoints
{
    public static void MapMessageRuleEndpoints(this RouteGroupBuilder graph)
    {
        graph.MapGet("/users/{userId}/mailFolders/{folderId}/messageRules", List);
        graph.MapGet("/users/{userId}/mailFolders/{folderId}/messageRules/{ruleId}", Get);
    }

    private static IResult List(string userId, string folderId, HttpContext context, MailboxStore mailboxes)
    {
        if (Resolve(userId, folderId, mailboxes, out var mailbox) is { } error)
        {
            return error;
        }

        lock (mailbox!.Sync)
        {
            return Results.Json(new JsonObject
            {
                ["@odata.context"] = $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users('{mailbox.UserId}')/mailFolders('inbox')/messageRules",
                ["value"] = new JsonArray([.. mailbox.Rules.Select(r => (JsonNode)RuleJson.Build(r))]),
            });
        }
    }

    private static IResult Get(string userId, string folderId, string ruleId, HttpContext context, MailboxStore mailboxes)
    {
        if (Resolve(userId, folderId, mailboxes, out var mailbox) is { } error)
        {
            return error;
        }

        lock (mailbox!.Sync)
        {
            if (mailbox.FindRule(ruleId) is not { } rule)
            {
                return GraphErrors.ItemNotFound();
            }

            var json = RuleJson.Build(rule);
            json.Insert(0, "@odata.context", $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users('{mailbox.UserId}')/mailFolders('inbox')/messageRules/$entity");
            return Results.Json(json);
        }
    }

    private static IResult? Resolve(string userId, string folderId, MailboxStore mailboxes, out Mailbox? mailbox)
    {
        mailbox = mailboxes.Find(userId);
        if (mailbox is null)
        {
            return GraphErrors.UserNotFound(userId);
        }

        lock (mailbox.Sync)
        {
            if (mailbox.FindFolder(folderId) is not { WellKnownName: WellKnownFolders.Inbox })
            {
                return GraphErrors.BadRequest("Message rules are only supported on the inbox folder.");
            }
        }

        return null;
    }
}
