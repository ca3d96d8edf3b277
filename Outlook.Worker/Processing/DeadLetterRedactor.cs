using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outlook.Worker.Processing;

/// <summary>
/// Removes mail content from a record before it is copied to the dead-letter topic. The webhook
/// and the catch-up strip content before producing, but a record that fails here may have come
/// from anywhere, and content must not reach any topic.
/// </summary>
internal static class DeadLetterRedactor
{
    private static readonly HashSet<string> ContentProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "subject", "body", "bodyPreview", "uniqueBody", "attachments",
    };

    /// <summary>
    /// Returns the JSON value without any content property at any depth, and the value unchanged
    /// when it contains none. A value that is not JSON is returned as it is.
    /// </summary>
    // NOTE: a value that is not JSON cannot be searched for content fields and is copied as it
    // is; dropping it would leave nothing to diagnose the failure with.
    public static byte[] Redact(byte[]? value)
    {
        if (value is null || value.Length == 0)
        {
            return value ?? [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return value;
        }

        return root is not null && RemoveContent(root)
            ? JsonSerializer.SerializeToUtf8Bytes(root)
            : value;
    }

    private static bool RemoveContent(JsonNode node)
    {
        var removed = false;
        if (node is JsonObject obj)
        {
            foreach (var name in obj.Select(property => property.Key).Where(ContentProperties.Contains).ToList())
            {
                obj.Remove(name);
                removed = true;
            }

            foreach (var child in obj.Select(property => property.Value).OfType<JsonNode>().ToList())
            {
                removed |= RemoveContent(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>().ToList())
            {
                removed |= RemoveContent(child);
            }
        }

        return removed;
    }
}
