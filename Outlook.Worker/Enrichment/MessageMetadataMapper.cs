using Microsoft.Graph.Models;
using Outlook.Worker.Normalization;

namespace Outlook.Worker.Enrichment;

/// <summary>Copies the allow-listed fields of a fetched Graph message; any other field the response carried is not read.</summary>
internal static class MessageMetadataMapper
{
    /// <summary>The $select of every fetch: metadata only, never subject, body, bodyPreview, uniqueBody or attachments.</summary>
    public static readonly string[] SelectFields =
    [
        "id", "createdDateTime", "lastModifiedDateTime", "receivedDateTime", "sentDateTime", "hasAttachments",
        "importance", "isRead", "isDraft", "internetMessageId", "conversationId", "parentFolderId", "from",
        "sender", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "flag", "categories",
        "inferenceClassification",
    ];

    public static MessageMetadata From(Message message) => new()
    {
        Id = message.Id,
        CreatedDateTime = message.CreatedDateTime,
        LastModifiedDateTime = message.LastModifiedDateTime,
        ReceivedDateTime = message.ReceivedDateTime,
        SentDateTime = message.SentDateTime,
        HasAttachments = message.HasAttachments,
        Importance = EnumText(message.Importance),
        IsRead = message.IsRead,
        IsDraft = message.IsDraft,
        InternetMessageId = message.InternetMessageId,
        ConversationId = message.ConversationId,
        ParentFolderId = message.ParentFolderId,
        From = Address(message.From),
        Sender = Address(message.Sender),
        ToRecipients = Addresses(message.ToRecipients),
        CcRecipients = Addresses(message.CcRecipients),
        BccRecipients = Addresses(message.BccRecipients),
        ReplyTo = Addresses(message.ReplyTo),
        FlagStatus = EnumText(message.Flag?.FlagStatus),
        CategoriesCount = message.Categories?.Count,
        InferenceClassification = EnumText(message.InferenceClassification),
    };

    /// <summary>Returns Graph's camelCase spelling of an enum value ("high", "notFlagged").</summary>
    private static string? EnumText<TEnum>(TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is not { } present)
        {
            return null;
        }

        var name = present.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static MailAddress? Address(Recipient? recipient) =>
        recipient?.EmailAddress is { } email ? new MailAddress(email.Name, email.Address) : null;

    private static List<MailAddress>? Addresses(List<Recipient>? recipients) =>
        recipients is null ? null : [.. recipients.Select(Address).OfType<MailAddress>()];
}
