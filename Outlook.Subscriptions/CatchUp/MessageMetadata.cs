using System.Text.Json;

namespace Outlook.Subscriptions.CatchUp;

/// <summary>
/// Keeps only metadata fields of a message from a delta page. An allow-list rather than a
/// deny-list, so a field Graph adds later (or subject, body, bodyPreview, uniqueBody and
/// attachments, which the emulator or a wide $select may send) never reaches Kafka.
/// </summary>
public static class MessageMetadata
{
    private static readonly HashSet<string> AllowedFields = new(StringComparer.Ordinal)
    {
        "@odata.type", "@odata.etag", "@removed", "id", "changeKey", "createdDateTime", "lastModifiedDateTime",
        "receivedDateTime", "sentDateTime", "from", "sender", "toRecipients", "ccRecipients", "bccRecipients",
        "replyTo", "internetMessageId", "conversationId", "conversationIndex", "parentFolderId", "isRead",
        "isDraft", "isReadReceiptRequested", "isDeliveryReceiptRequested", "importance", "flag",
        "hasAttachments", "categories", "inferenceClassification",
    };

    /// <summary>Returns a copy of <paramref name="item"/> with only allowed fields.</summary>
    public static JsonElement Filter(JsonElement item)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in item.EnumerateObject())
            {
                if (AllowedFields.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
