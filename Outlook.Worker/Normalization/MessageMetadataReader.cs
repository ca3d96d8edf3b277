using System.Globalization;
using System.Text.Json;

namespace Outlook.Worker.Normalization;

/// <summary>
/// Reads <see cref="MessageMetadata"/> from resource data JSON by an allow-list: every property
/// not named here (subject, body, bodyPreview, uniqueBody, attachments, anything new) is skipped
/// without being read. Names compare without case because decrypted rich notifications have been
/// seen with "Subject" spelled in Pascal case.
/// </summary>
internal static class MessageMetadataReader
{
    public static MessageMetadata Read(JsonElement resource)
    {
        if (resource.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRecordException($"resourceData must be a JSON object, not {resource.ValueKind}.");
        }

        var metadata = new MessageMetadata();
        foreach (var property in resource.EnumerateObject())
        {
            metadata = Apply(metadata, property.Name.ToLowerInvariant(), property.Value);
        }

        return metadata;
    }

    private static MessageMetadata Apply(MessageMetadata metadata, string name, JsonElement value) => name switch
    {
        "id" => metadata with { Id = String(value) },
        "createddatetime" => metadata with { CreatedDateTime = Date(value) },
        "lastmodifieddatetime" => metadata with { LastModifiedDateTime = Date(value) },
        "receiveddatetime" => metadata with { ReceivedDateTime = Date(value) },
        "sentdatetime" => metadata with { SentDateTime = Date(value) },
        "hasattachments" => metadata with { HasAttachments = Boolean(value) },
        "importance" => metadata with { Importance = String(value) },
        "isread" => metadata with { IsRead = Boolean(value) },
        "isdraft" => metadata with { IsDraft = Boolean(value) },
        "internetmessageid" => metadata with { InternetMessageId = String(value) },
        "conversationid" => metadata with { ConversationId = String(value) },
        "parentfolderid" => metadata with { ParentFolderId = String(value) },
        "from" => metadata with { From = Recipient(value) },
        "sender" => metadata with { Sender = Recipient(value) },
        "torecipients" => metadata with { ToRecipients = Recipients(value) },
        "ccrecipients" => metadata with { CcRecipients = Recipients(value) },
        "bccrecipients" => metadata with { BccRecipients = Recipients(value) },
        "replyto" => metadata with { ReplyTo = Recipients(value) },
        "flag" => metadata with { FlagStatus = FlagStatus(value) },
        "categories" => metadata with { CategoriesCount = value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : null },
        "inferenceclassification" => metadata with { InferenceClassification = String(value) },
        "@removed" => metadata with { RemovedReason = RemovedReason(value) },
        _ => metadata,
    };

    // A field of the wrong type or an unparseable date is left out rather than failing the
    // record, so the rest of its metadata still reaches the event.
    private static string? String(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Boolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static DateTimeOffset? Date(JsonElement value) =>
        String(value) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    private static MailAddress? Recipient(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !TryGetProperty(value, "emailAddress", out var email)
            || email.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var name = TryGetProperty(email, "name", out var nameValue) && nameValue.ValueKind == JsonValueKind.String ? nameValue.GetString() : null;
        var address = TryGetProperty(email, "address", out var addressValue) && addressValue.ValueKind == JsonValueKind.String ? addressValue.GetString() : null;
        return new MailAddress(name, address);
    }

    private static List<MailAddress>? Recipients(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return [.. value.EnumerateArray().Select(Recipient).OfType<MailAddress>()];
    }

    private static string? FlagStatus(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && TryGetProperty(value, "flagStatus", out var status)
            && status.ValueKind == JsonValueKind.String
            ? status.GetString()
            : null;

    private static string? RemovedReason(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && TryGetProperty(value, "reason", out var reason)
            && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()
            : "removed";

    /// <summary>Finds a property by name without case, as Graph's casing is not consistent across payloads.</summary>
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }
}
