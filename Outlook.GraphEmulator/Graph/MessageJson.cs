using System.Text.Json.Nodes;
using Outlook.GraphEmulator.Mail;

namespace Outlook.GraphEmulator.Graph;

/// <summary>Writes a message in the property order and nesting of Graph's GET /messages/{id}.</summary>
public static class MessageJson
{
    public static JsonObject Build(EmulatedMessage message)
    {
        var webLinkId = Uri.EscapeDataString(message.Id);
        return new JsonObject
        {
            ["@odata.etag"] = message.ETag,
            ["id"] = message.Id,
            ["createdDateTime"] = GraphJson.Time(message.CreatedDateTime),
            ["lastModifiedDateTime"] = GraphJson.Time(message.LastModifiedDateTime),
            ["changeKey"] = message.ChangeKey,
            ["categories"] = GraphJson.Strings(message.Categories),
            ["receivedDateTime"] = GraphJson.Time(message.ReceivedDateTime),
            ["sentDateTime"] = GraphJson.Time(message.SentDateTime),
            ["hasAttachments"] = message.HasAttachments,
            ["internetMessageId"] = message.InternetMessageId,
            ["subject"] = message.Subject,
            ["bodyPreview"] = message.BodyPreview,
            ["importance"] = message.Importance,
            ["parentFolderId"] = message.FolderId,
            ["conversationId"] = message.ConversationId,
            ["isDeliveryReceiptRequested"] = false,
            ["isReadReceiptRequested"] = false,
            ["isRead"] = message.IsRead,
            ["isDraft"] = message.IsDraft,
            ["webLink"] = $"https://outlook.office365.com/owa/?ItemID={webLinkId}&exvsurl=1&viewmodel=ReadMessageItem",
            ["inferenceClassification"] = message.InferenceClassification,
            ["body"] = new JsonObject
            {
                ["contentType"] = "html",
                ["content"] = message.BodyContent,
            },
            ["sender"] = GraphJson.Recipient(message.From),
            ["from"] = GraphJson.Recipient(message.From),
            ["toRecipients"] = GraphJson.Recipients(message.ToRecipients),
            ["ccRecipients"] = GraphJson.Recipients(message.CcRecipients),
            ["bccRecipients"] = GraphJson.Recipients(message.BccRecipients),
            ["replyTo"] = new JsonArray(),
            ["flag"] = new JsonObject { ["flagStatus"] = message.FlagStatus },
        };
    }

    /// <summary>Builds the message with only the selected properties; @odata.etag and id always stay, as in Graph.</summary>
    public static JsonObject Build(EmulatedMessage message, IReadOnlyList<string>? select) =>
        GraphJson.Project(Build(message), select, "id");
}
