using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Outlook.Subscriptions.Rules;

/// <summary>
/// Compares two messageRules listings. Graph offers neither push nor delta for rules, so polling
/// and diffing is the only way to see them change. Every rule takes part, including read-only
/// rules Graph returns without conditions or actions: those may hide forwarding and must not be skipped.
/// </summary>
public static class RuleSnapshotDiff
{
    /// <summary>Returns the changes from <paramref name="previous"/> (rule id to rule JSON) to <paramref name="current"/>.</summary>
    public static IReadOnlyList<RuleChange> Compare(IReadOnlyDictionary<string, JsonElement> previous, IReadOnlyDictionary<string, JsonElement> current)
    {
        var changes = new List<RuleChange>();
        foreach (var (ruleId, rule) in current)
        {
            if (!previous.TryGetValue(ruleId, out var before))
            {
                changes.Add(new RuleChange("created", ruleId, rule));
            }
            else if (!JsonElement.DeepEquals(before, rule))
            {
                changes.Add(new RuleChange("updated", ruleId, rule));
            }
        }

        foreach (var (ruleId, rule) in previous)
        {
            if (!current.ContainsKey(ruleId))
            {
                changes.Add(new RuleChange("deleted", ruleId, rule));
            }
        }

        return changes;
    }

    /// <summary>
    /// Keys a listing by rule id. A rule without an id (an opaque rule the API cannot describe)
    /// is keyed by a hash of its JSON, so it is still recorded.
    /// </summary>
    public static Dictionary<string, JsonElement> ToSnapshot(IEnumerable<JsonElement> rules)
    {
        var snapshot = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var ruleId = rule.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text
                ? text
                : "opaque-" + Version(rule);
            snapshot[ruleId] = rule.Clone();
        }

        return snapshot;
    }

    /// <summary>A short hash of a rule's JSON, which changes whenever the rule does.</summary>
    public static string Version(JsonElement rule) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rule.GetRawText())).AsSpan(0, 12));

    public static string Serialize(IReadOnlyDictionary<string, JsonElement> snapshot)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (ruleId, rule) in snapshot)
            {
                writer.WritePropertyName(ruleId);
                rule.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Dictionary<string, JsonElement> Deserialize(string? json)
    {
        var snapshot = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return snapshot;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            snapshot[property.Name] = property.Value.Clone();
        }

        return snapshot;
    }
}
