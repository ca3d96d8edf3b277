using System.Globalization;
using System.Text.Json.Nodes;

namespace Outlook.GraphEmulator.Graph;

/// <summary>Helpers for Graph's JSON: timestamps, recipients, $select projection and error bodies.</summary>
public static class GraphJson
{
    /// <summary>Formats a time the way Graph writes resource timestamps: UTC, seconds, "Z".</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats a time the way Graph writes subscription expirations: UTC with seven fractional digits.</summary>
    public static string PreciseTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Recipient(Mail.Recipient recipient) => new()
    {
        ["emailAddress"] = new JsonObject
        {
            ["name"] = recipient.Name,
            ["address"] = recipient.Address,
        },
    };

    public static JsonArray Recipients(IEnumerable<Mail.Recipient> recipients) =>
        new([.. recipients.Select(r => (JsonNode)Recipient(r))]);

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    /// <summary>Parses a $select value into property names; null when there is none.</summary>
    public static IReadOnlyList<string>? ParseSelect(string? select) =>
        string.IsNullOrWhiteSpace(select)
            ? null
            : select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Keeps only the selected properties (matched without case, written in Graph's casing),
    /// plus annotations and the always-returned <paramref name="alwaysKept"/> properties.
    /// </summary>
    public static JsonObject Project(JsonObject full, IReadOnlyList<string>? select, params string[] alwaysKept)
    {
        if (select is null)
        {
            return full;
        }

        var wanted = new HashSet<string>(select, StringComparer.OrdinalIgnoreCase);
        foreach (var name in alwaysKept)
        {
            wanted.Add(name);
        }

        var projected = new JsonObject();
        foreach (var (name, value) in full)
        {
            if (name.StartsWith('@') || wanted.Contains(name))
            {
                projected[name] = value?.DeepClone();
            }
        }

        return projected;
    }

    /// <summary>Returns the names in <paramref name="select"/> that <paramref name="full"/> does not have.</summary>
    public static IEnumerable<string> UnknownProperties(JsonObject full, IReadOnlyList<string>? select) =>
        select?.Where(name => !full.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))) ?? [];
}
