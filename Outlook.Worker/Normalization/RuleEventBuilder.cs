using System.Text.Json;
using Outlook.Contracts.Events;

namespace Outlook.Worker.Normalization;

/// <summary>Builds inbox rule events from rule poll records, whose resource data is the messageRule as Graph returns it.</summary>
internal static class RuleEventBuilder
{
    public static NormalizedEvent Build(NormalizationInput input)
    {
        var record = input.Record;
        var changeType = EventNormalizer.RequireChangeType(record);
        var action = changeType switch
        {
            "created" => EventActions.InboxRuleCreated,
            "updated" => EventActions.InboxRuleUpdated,
            "deleted" => EventActions.InboxRuleDeleted,
            _ => throw new InvalidRecordException($"Unknown changeType '{changeType}' on a rule record; expected created, updated or deleted."),
        };

        // A deleted rule may arrive with only its id, or with none of its data at all.
        var rule = record.ResourceData is { ValueKind: JsonValueKind.Object } data ? RuleSummary.Read(data) : null;
        var resourceId = EventNormalizer.RequireResourceId(record, rule?.Id);
        var domains = input.Tenant.Domains;
        var forwardDomains = rule?.ForwardDomains.ToList();
        var forwardsExternally = forwardDomains?.Any(domain => !domains.IsInternal(domain));

        var payload = new EventPayload
        {
            EventId = resourceId,
            User = input.Owner.Address,
            Action = action,
            RuleForwardDomains = forwardDomains,
            RuleForwardsExternally = forwardsExternally,
        };
        var raw = new RawMetadata { PlatformEventId = resourceId, ChangeType = changeType };
        if (rule is not null && (rule.DisplayName is not null || rule.Actions.Count > 0 || rule.Conditions.Count > 0 || rule.IsReadOnly is not null))
        {
            raw = WithRule(raw, rule, forwardsExternally);
        }

        return EventNormalizer.Envelope(input, resourceId, record.ReceivedAt, payload, raw);
    }

    private static RawMetadata WithRule(RawMetadata raw, RuleSummary rule, bool? forwardsExternally) => raw with
    {
        RuleName = rule.DisplayName,
        RuleSequence = rule.Sequence,
        RuleIsEnabled = rule.IsEnabled,
        RuleIsReadOnly = rule.IsReadOnly,
        RuleIsOpaque = rule.IsOpaque,
        RuleHasError = rule.HasError,
        RuleConditions = rule.Conditions,
        RuleActions = rule.Actions,
        RuleForwardToDomains = rule.ForwardToDomains,
        RuleForwardAsAttachmentToDomains = rule.ForwardAsAttachmentToDomains,
        RuleRedirectToDomains = rule.RedirectToDomains,
        RuleForwardsExternally = forwardsExternally,
        RuleDeletes = rule.Deletes,
        RulePermanentlyDeletes = rule.PermanentlyDeletes,
        RuleMoveToFolder = rule.MoveToFolder,
        RuleCopyToFolder = rule.CopyToFolder,
        RuleMarksAsRead = rule.MarksAsRead,
        RuleStopsProcessing = rule.StopsProcessing,
    };
}
