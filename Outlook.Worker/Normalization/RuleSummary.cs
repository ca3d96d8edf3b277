using System.Text.Json;

namespace Outlook.Worker.Normalization;

/// <summary>
/// What an inbox rule does, reduced to metadata: names of its conditions and actions, the domains
/// it forwards or redirects to, and whether it deletes or moves mail. Condition values (words
/// the rule looks for in subjects or bodies) are not kept.
/// </summary>
internal sealed record RuleSummary
{
    public string? Id { get; init; }
    public string? DisplayName { get; init; }
    public int? Sequence { get; init; }
    public bool? IsEnabled { get; init; }
    public bool? IsReadOnly { get; init; }
    public bool? HasError { get; init; }
    public IReadOnlyList<string> Conditions { get; init; } = [];
    public IReadOnlyList<string> Actions { get; init; } = [];
    public IReadOnlyList<string> ForwardToDomains { get; init; } = [];
    public IReadOnlyList<string> ForwardAsAttachmentToDomains { get; init; } = [];
    public IReadOnlyList<string> RedirectToDomains { get; init; } = [];
    public bool Deletes { get; init; }
    public bool PermanentlyDeletes { get; init; }
    public string? MoveToFolder { get; init; }
    public string? CopyToFolder { get; init; }
    public bool MarksAsRead { get; init; }
    public bool StopsProcessing { get; init; }

    /// <summary>
    /// True when Graph returned the rule with no conditions and no actions. Graph does this for
    /// rules it cannot represent (read-only rules made in other clients), so the rule's effect is
    /// unknown and must not be read as harmless.
    /// </summary>
    public bool IsOpaque => Conditions.Count == 0 && Actions.Count == 0;

    public IEnumerable<string> ForwardDomains =>
        ForwardToDomains.Concat(ForwardAsAttachmentToDomains).Concat(RedirectToDomains).Distinct(StringComparer.Ordinal);

    public static RuleSummary Read(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRecordException($"resourceData of a rule record must be a JSON object, not {rule.ValueKind}.");
        }

        var summary = new RuleSummary
        {
            Id = Text(rule, "id"),
            DisplayName = Text(rule, "displayName"),
            Sequence = MessageMetadataReader.TryGetProperty(rule, "sequence", out var sequence)
                && sequence.ValueKind == JsonValueKind.Number && sequence.TryGetInt32(out var number) ? number : null,
            IsEnabled = Flag(rule, "isEnabled"),
            IsReadOnly = Flag(rule, "isReadOnly"),
            HasError = Flag(rule, "hasError"),
            Conditions = SetPropertyNames(rule, "conditions"),
            Actions = SetPropertyNames(rule, "actions"),
        };

        return MessageMetadataReader.TryGetProperty(rule, "actions", out var actions) && actions.ValueKind == JsonValueKind.Object
            ? WithActions(summary, actions)
            : summary;
    }

    private static RuleSummary WithActions(RuleSummary summary, JsonElement actions) => summary with
    {
        ForwardToDomains = RecipientDomains(actions, "forwardTo"),
        ForwardAsAttachmentToDomains = RecipientDomains(actions, "forwardAsAttachmentTo"),
        RedirectToDomains = RecipientDomains(actions, "redirectTo"),
        Deletes = Flag(actions, "delete") == true || Flag(actions, "permanentDelete") == true,
        PermanentlyDeletes = Flag(actions, "permanentDelete") == true,
        MoveToFolder = Text(actions, "moveToFolder"),
        CopyToFolder = Text(actions, "copyToFolder"),
        MarksAsRead = Flag(actions, "markAsRead") == true,
        StopsProcessing = Flag(actions, "stopProcessingRules") == true,
    };

    /// <summary>Names of the properties that carry a value: not null, not false, not an empty list.</summary>
    private static List<string> SetPropertyNames(JsonElement rule, string name)
    {
        if (!MessageMetadataReader.TryGetProperty(rule, name, out var section) || section.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return [.. section.EnumerateObject().Where(property => IsSet(property.Value)).Select(property => property.Name)];
    }

    private static bool IsSet(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => false,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.String => value.GetString()?.Length > 0,
        _ => true,
    };

    private static List<string> RecipientDomains(JsonElement actions, string name)
    {
        if (!MessageMetadataReader.TryGetProperty(actions, name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var addresses = list.EnumerateArray()
            .Select(item => MessageMetadataReader.TryGetProperty(item, "emailAddress", out var email)
                && MessageMetadataReader.TryGetProperty(email, "address", out var address)
                && address.ValueKind == JsonValueKind.String ? address.GetString() : null);
        return TenantDomains.DistinctDomains(addresses);
    }

    private static string? Text(JsonElement element, string name) =>
        MessageMetadataReader.TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool? Flag(JsonElement element, string name) =>
        MessageMetadataReader.TryGetProperty(element, name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
