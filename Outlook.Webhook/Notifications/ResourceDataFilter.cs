using System.Buffers;
using System.Text.Json;

namespace Outlook.Webhook.Notifications;

/// <summary>
/// Keeps only message metadata from resource data. An allow-list, not a deny-list: a field Graph
/// adds tomorrow (or a $select we did not expect) is dropped until someone decides it is
/// metadata, so subject, body, bodyPreview, uniqueBody and attachments can never slip through.
/// </summary>
internal static class ResourceDataFilter
{
    private static readonly HashSet<string> AllowedFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "@odata.type", "@odata.id", "@odata.etag", "id",
        "createdDateTime", "lastModifiedDateTime", "receivedDateTime", "sentDateTime",
        "changeKey", "parentFolderId", "conversationId", "internetMessageId",
        "hasAttachments", "importance", "inferenceClassification", "isRead", "isDraft",
        "isReadReceiptRequested", "isDeliveryReceiptRequested", "categories", "flag",
        "from", "sender", "toRecipients", "ccRecipients", "bccRecipients", "replyTo",
    };

    /// <summary>Merges the given resource data objects (later ones win) and keeps the allowed fields; null when none remains.</summary>
    public static JsonElement? Filter(params ReadOnlySpan<JsonElement?> sources)
    {
        var kept = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            if (source is not { ValueKind: JsonValueKind.Object } element)
            {
                continue;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (IsAllowed(property.Name))
                {
                    kept[property.Name] = property.Value;
                }
            }
        }

        return kept.Count == 0 ? null : Write(kept);
    }

    /// <summary>True for an allowed field and for its OData annotations ("importance@odata.type").</summary>
    public static bool IsAllowed(string name)
    {
        if (AllowedFields.Contains(name))
        {
            return true;
        }

        var at = name.IndexOf("@odata.", StringComparison.Ordinal);
        return at > 0 && AllowedFields.Contains(name[..at]);
    }

    private static JsonElement Write(Dictionary<string, JsonElement> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
