using Outlook.GraphEmulator.Graph;
using Outlook.GraphEmulator.Mail;

namespace Outlook.GraphEmulator.Admin;

/// <summary>Admin routes that list mailboxes and make one change happen now: deliver, modify, move or delete a message, add, change or remove a rule.</summary>
public static class MailboxAdminEndpoints
{
    public static void MapMailboxAdminEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/mailboxes", (MailboxStore mailboxes) => Results.Json(mailboxes.All.Select(m => new
        {
            userId = m.UserId,
            mailbox = m.MailboxName,
            address = m.Address,
            messageCount = m.MessageCount,
        })));
        admin.MapGet("/mailboxes/{userId}/messages", ListMessages);
        admin.MapPost("/mailboxes/{userId}/messages", Deliver);
        admin.MapPatch("/mailboxes/{userId}/messages/{messageId}", Patch);
        admin.MapPost("/mailboxes/{userId}/messages/{messageId}/move", Move);
        admin.MapDelete("/mailboxes/{userId}/messages/{messageId}", Delete);
        admin.MapPost("/mailboxes/{userId}/rules", AddRule);
        admin.MapPatch("/mailboxes/{userId}/rules/{ruleId}", ChangeRule);
        admin.MapDelete("/mailboxes/{userId}/rules/{ruleId}", RemoveRule);
    }

    private static IResult ListMessages(string userId, MailService mail)
    {
        if (mail.Find(userId) is not { } mailbox)
        {
            return MailboxNotFound(userId);
        }

        lock (mailbox.Sync)
        {
            return Results.Json(mailbox.Messages
                .OrderBy(m => m.ChangeSequence)
                .Select(m => new { id = m.Id, folderId = m.FolderId, etag = m.ETag, internetMessageId = m.InternetMessageId })
                .ToList());
        }
    }

    private static IResult Deliver(string userId, DeliverRequest request, MailService mail, TimeProvider time)
    {
        if (mail.Find(userId) is not { } mailbox)
        {
            return MailboxNotFound(userId);
        }

        if (request.Attachments is < 0 or > 20)
        {
            return Results.BadRequest(new { error = $"attachments must be between 0 and 20; got {request.Attachments}." });
        }

        var folder = request.Folder ?? WellKnownFolders.Inbox;
        var isSent = WellKnownFolders.MapCorpusFolder(folder) == WellKnownFolders.SentItems;
        var spec = new NewMessage(
            request.From ?? (isSent ? mailbox.Address : "sender@external.example"),
            request.To ?? (isSent ? [] : [mailbox.Address]),
            request.Cc ?? [],
            WellKnownFolders.MapCorpusFolder(folder),
            time.GetUtcNow(),
            IsRead: request.IsRead,
            Importance: request.Importance ?? "normal",
            AttachmentCount: request.Attachments);
        var message = mail.Deliver(mailbox, spec);
        return Results.Json(Describe(message), statusCode: 201);
    }

    private static IResult Patch(string userId, string messageId, MessagePatchRequest request, MailService mail)
    {
        if (mail.Find(userId) is not { } mailbox)
        {
            return MailboxNotFound(userId);
        }

        var updated = mail.Update(mailbox, messageId, message =>
        {
            message.IsRead = request.IsRead ?? message.IsRead;
            message.FlagStatus = request.FlagStatus ?? message.FlagStatus;
            message.Importance = request.Importance ?? message.Importance;
        });
        return updated ? Current(mailbox, messageId) : MessageNotFound(messageId);
    }

    private static IResult Move(string userId, string messageId, MoveRequest request, MailService mail)
    {
        if (mail.Find(userId) is not { } mailbox)
        {
            return MailboxNotFound(userId);
        }

        return mail.Move(mailbox, messageId, WellKnownFolders.MapCorpusFolder(request.Folder)) is { } newId
            ? Current(mailbox, newId)
            : MessageNotFound(messageId);
    }

    private static IResult Delete(string userId, string messageId, MailService mail)
    {
        if (mail.Find(userId) is not { } mailbox)
        {
            return MailboxNotFound(userId);
        }

        return mail.Delete(mailbox, messageId) ? Results.NoContent() : MessageNotFound(messageId);
    }

    private static IResult AddRule(string userId, RuleRequest request, MailService mail)
    {
        if (mail.Find(userId) is not { } mailbox)
        {
            return MailboxNotFound(userId);
        }

        static List<Recipient> Recipients(IReadOnlyList<string>? addresses) => [.. (addresses ?? []).Select(Recipient.FromAddress)];
        var rule = mail.AddRule(mailbox, (id, sequence) => new MessageRule
        {
            Id = id,
            DisplayName = request.DisplayName ?? "",
            Sequence = sequence,
            IsReadOnly = request.IsReadOnly,
            SenderContains = [.. request.SenderContains ?? []],
            ForwardTo = Recipients(request.ForwardTo),
            ForwardAsAttachmentTo = Recipients(request.ForwardAsAttachmentTo),
            RedirectTo = Recipients(request.RedirectTo),
            StopProcessingRules = request.StopProcessingRules,
        });
        return Results.Json(new { id = rule.Id }, statusCode: 201);
    }

    private static IResult ChangeRule(string userId, string ruleId, RulePatchRequest request, MailService mail)
    {
        if (mail.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        lock (mailbox.Sync)
        {
            if (mailbox.FindRule(ruleId) is not { } existing)
            {
                return GraphErrors.ItemNotFound();
            }

            // Graph cannot change a read-only rule, and whether a rule is read-only is fixed when it is added.
            if (existing.IsReadOnly || (request.IsReadOnly is { } readOnly && readOnly != existing.IsReadOnly))
            {
                return GraphErrors.BadRequest(existing.IsReadOnly
                    ? $"Rule '{ruleId}' is read-only and cannot be changed."
                    : "isReadOnly is fixed when a rule is added and cannot be changed.");
            }
        }

        var changed = mail.UpdateRule(mailbox, ruleId, rule =>
        {
            rule.DisplayName = request.DisplayName ?? rule.DisplayName;
            Replace(rule.SenderContains, request.SenderContains);
            Replace(rule.ForwardTo, request.ForwardTo?.Select(Recipient.FromAddress));
            Replace(rule.ForwardAsAttachmentTo, request.ForwardAsAttachmentTo?.Select(Recipient.FromAddress));
            Replace(rule.RedirectTo, request.RedirectTo?.Select(Recipient.FromAddress));
            rule.StopProcessingRules = request.StopProcessingRules ?? rule.StopProcessingRules;
        });
        return changed ? Results.Json(new { id = ruleId }) : GraphErrors.ItemNotFound();
    }

    private static void Replace<T>(List<T> target, IEnumerable<T>? values)
    {
        if (values is not null)
        {
            target.Clear();
            target.AddRange(values);
        }
    }

    private static IResult RemoveRule(string userId, string ruleId, MailService mail)
    {
        if (mail.Find(userId) is not { } mailbox)
        {
            return MailboxNotFound(userId);
        }

        return mail.RemoveRule(mailbox, ruleId) ? Results.NoContent() : Results.NotFound(new { error = $"Rule '{ruleId}' not found." });
    }

    private static IResult Current(Mailbox mailbox, string messageId)
    {
        lock (mailbox.Sync)
        {
            return mailbox.FindMessage(messageId) is { } message ? Results.Json(Describe(message)) : MessageNotFound(messageId);
        }
    }

    private static object Describe(EmulatedMessage message) => new
    {
        id = message.Id,
        etag = message.ETag,
        changeKey = message.ChangeKey,
        folderId = message.FolderId,
        internetMessageId = message.InternetMessageId,
    };

    private static IResult MailboxNotFound(string userId) => Results.NotFound(new { error = $"Mailbox '{userId}' not found." });

    private static IResult MessageNotFound(string messageId) => Results.NotFound(new { error = $"Message '{messageId}' not found." });
}
