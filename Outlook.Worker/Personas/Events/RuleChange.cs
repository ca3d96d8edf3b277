namespace Outlook.Worker.Personas.Events;

/// <summary>An inbox rule change with payload fields taking precedence over raw_metadata ones.</summary>
internal sealed record RuleChange(
    string RuleId,
    string Action,
    IReadOnlyList<string> ForwardToDomains,
    IReadOnlyList<string> RedirectToDomains,
    IReadOnlyList<string> ForwardAsAttachmentToDomains,
    bool? AnyExternalTarget,
    bool Delete,
    bool PermanentDelete,
    string? MoveToFolder,
    bool IsReadOnly,
    bool IsOpaque,
    bool IsEnabled)
{
    /// <summary>Every forward, redirect and forward-as-attachment target domain, lower case, without duplicates.</summary>
    public IReadOnlyList<string> TargetDomains =>
        [.. ForwardToDomains.Concat(RedirectToDomains).Concat(ForwardAsAttachmentToDomains).Distinct(StringComparer.Ordinal)];

    /// <summary>Returns the rule change an event describes, or null when the event is not a rule change or names no rule.</summary>
    public static RuleChange? From(PersonaEvent evt)
    {
        var payload = evt.Payload;
        var raw = evt.RawMetadata;
        var ruleId = payload?.RuleId ?? raw?.RuleId;
        if (payload is null || !EventActions.IsRuleChange(payload.Action) || string.IsNullOrWhiteSpace(ruleId))
        {
            return null;
        }

        return new RuleChange(
            ruleId,
            payload.Action!,
            Domains(payload.ForwardToDomains ?? raw?.ForwardToDomains),
            Domains(payload.RedirectToDomains ?? raw?.RedirectToDomains),
            Domains(payload.ForwardAsAttachmentToDomains ?? raw?.ForwardAsAttachmentToDomains),
            payload.AnyExternalTarget ?? raw?.AnyExternalTarget,
            payload.Delete ?? raw?.Delete ?? false,
            payload.PermanentDelete ?? raw?.PermanentDelete ?? false,
            payload.MoveToFolder ?? raw?.MoveToFolder,
            payload.IsReadOnly ?? raw?.IsReadOnly ?? false,
            payload.IsOpaque ?? raw?.IsOpaque ?? false,
            payload.IsEnabled ?? raw?.IsEnabled ?? true);
    }

    private static IReadOnlyList<string> Domains(IReadOnlyList<string>? domains) =>
        domains is null ? [] : [.. domains.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim().ToLowerInvariant())];
}
