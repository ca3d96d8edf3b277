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
        var ruleId = payload?.RuleId ?? raw?.RuleId ?? payload?.EventId;
        if (payload is null || !EventActions.IsRuleChange(payload.Action) || string.IsNullOrWhiteSpace(ruleId))
        {
            return null;
        }

        return new RuleChange(
            ruleId,
            payload.Action!,
            Domains(payload.ForwardToDomains ?? raw?.ForwardToDomains ?? raw?.RuleForwardToDomains),
            Domains(payload.RedirectToDomains ?? raw?.RedirectToDomains ?? raw?.RuleRedirectToDomains),
            Domains(payload.ForwardAsAttachmentToDomains ?? raw?.ForwardAsAttachmentToDomains ?? raw?.RuleForwardAsAttachmentToDomains),
            payload.AnyExternalTarget ?? raw?.AnyExternalTarget ?? raw?.RuleForwardsExternally,
            payload.Delete ?? raw?.Delete ?? raw?.RuleDeletes ?? false,
            payload.PermanentDelete ?? raw?.PermanentDelete ?? raw?.RulePermanentlyDeletes ?? false,
            payload.MoveToFolder ?? raw?.MoveToFolder ?? raw?.RuleMoveToFolder,
            payload.IsReadOnly ?? raw?.IsReadOnly ?? raw?.RuleIsReadOnly ?? false,
            payload.IsOpaque ?? raw?.IsOpaque ?? raw?.RuleIsOpaque ?? false,
            payload.IsEnabled ?? raw?.IsEnabled ?? raw?.RuleIsEnabled ?? true);
    }

    private static IReadOnlyList<string> Domains(IReadOnlyList<string>? domains) =>
        domains is null ? [] : [.. domains.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim().ToLowerInvariant())];
}
