using Outlook.Contracts.Alerts;
using Outlook.Worker.Personas.Engine;
using Outlook.Worker.Personas.Events;

namespace Outlook.Worker.Detections;

/// <summary>
/// Fires when an inbox rule gains a risky action: forwarding or redirecting outside the tenant,
/// deleting, moving to an obscure folder, or being opaque. Needs no warm-up: a rule is risky on
/// the first day. An update that adds no new risky action stays silent.
/// </summary>
internal sealed class RuleManipulationDetector : IDetector
{
    public string Id => AlertDetectors.RuleManipulation;

    public IEnumerable<DetectionFinding> Detect(DetectionContext context)
    {
        if (context.Event.Rule is not { } rule || rule.Action == EventActions.RuleDeleted)
        {
            yield break;
        }

        var actions = RuleRisk.Assess(rule, context.Tenant);
        var alreadyKnown = context.Persona.Rules.TryGetValue(rule.RuleId, out var known) ? known.RiskyActions : [];
        if (!actions.Except(alreadyKnown).Any())
        {
            yield break;
        }

        var externalTargets = RuleRisk.ExternalTargets(rule, context.Tenant);
        yield return new DetectionFinding(
            Id,
            rule.RuleId,
            SeverityOf(actions, rule.IsEnabled),
            $"Inbox rule {rule.RuleId} {Describe(rule.Action)} with risky actions: {string.Join(", ", actions)}",
            new AlertEvidence
            {
                RuleIds = [rule.RuleId],
                RuleActions = actions,
                Domains = externalTargets.Count > 0 ? externalTargets : null,
                Folders = rule.MoveToFolder is { } folder && actions.Contains(RuleRisk.Move) ? [folder] : null,
            },
            context.Settings.Rules.IncidentWindow);
    }

    private static string SeverityOf(IReadOnlyList<string> actions, bool isEnabled)
    {
        if (!isEnabled)
        {
            return AlertSeverities.Low;
        }

        var forwards = actions.Any(a => a is RuleRisk.Forward or RuleRisk.Redirect or RuleRisk.ForwardAsAttachment);
        var hides = actions.Any(a => a is RuleRisk.Delete or RuleRisk.PermanentDelete or RuleRisk.Move);
        return forwards || (hides && actions.Contains(RuleRisk.PermanentDelete)) ? AlertSeverities.High : AlertSeverities.Medium;
    }

    private static string Describe(string action) => action == EventActions.RuleCreated ? "was created" : "was changed";
}
