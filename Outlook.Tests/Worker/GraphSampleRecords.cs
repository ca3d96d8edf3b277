using System.Text.Json;
using Outlook.Contracts;

namespace Outlook.Tests.Worker;

/// <summary>Turns each documented Graph sample into the records the connector would build from it.</summary>
internal static class GraphSampleRecords
{
    public static IEnumerable<NotificationRecord> For(string file)
    {
        using var document = WorkerTestData.Load(Path.Combine("graph-samples", file));
        var root = document.RootElement;
        return file switch
        {
            _ when file.StartsWith("notification-message-rich-decrypted", StringComparison.Ordinal) =>
                [WorkerTestData.FromResource(RecordKinds.Message, "created", root.Clone(), "rich-message-id")],
            _ when file.StartsWith("notification-", StringComparison.Ordinal) =>
                [.. root.GetProperty("value").EnumerateArray().Select(item => WorkerTestData.FromNotificationItem(item.Clone(), WorkerTestData.GoldenUserId))],
            _ when file.StartsWith("messagerule", StringComparison.Ordinal) => Items(root).Select((rule, i) =>
                WorkerTestData.FromResource(RecordKinds.Rule, i % 2 == 0 ? "created" : "updated", rule, IdOrNull(rule) ?? $"rule-{i}")),
            _ => Items(root).Select((message, i) =>
                WorkerTestData.FromResource(RecordKinds.Message, "updated", message, IdOrNull(message) ?? $"message-{i}")),
        };
    }

    /// <summary>Values of the fields that must never reach an event (subject, body, preview, attachments), as found in the sample.</summary>
    public static IReadOnlyList<string> ForbiddenValues(string file)
    {
        using var document = WorkerTestData.Load(Path.Combine("graph-samples", file));
        var values = new List<string>();
        Collect(document.RootElement, forbidden: false, values);
        return values;
    }

    private static List<JsonElement> Items(JsonElement root) =>
        root.TryGetProperty("value", out var value) ? [.. value.EnumerateArray().Select(item => item.Clone())] : [root.Clone()];

    private static string? IdOrNull(JsonElement item) =>
        item.TryGetProperty("id", out var id) ? id.GetString() : null;

    private static void Collect(JsonElement element, bool forbidden, List<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, forbidden || IsForbiddenName(property.Name), values);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, forbidden, values);
                }

                break;
            case JsonValueKind.String when forbidden && element.GetString() is { Length: > 3 } text:
                values.Add(text);
                break;
        }
    }

    private static bool IsForbiddenName(string name) =>
        name.ToLowerInvariant() is "subject" or "body" or "bodypreview" or "uniquebody" or "attachments";
}
