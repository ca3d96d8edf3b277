using Outlook.Contracts.Alerts;

namespace Outlook.Benchmarks.Personas;

internal enum ScenarioKind
{
    ForwardingRule,
    AttachmentBurst,
    FirstSeenDomainBurst,
    OffHoursActivity,
    ExternalDrift,
}

internal static class ScenarioKinds
{
    public static IReadOnlyList<ScenarioKind> All { get; } = Enum.GetValues<ScenarioKind>();

    /// <summary>The detector expected to catch each scenario.</summary>
    public static string ExpectedDetector(this ScenarioKind kind) => kind switch
    {
        ScenarioKind.ForwardingRule => AlertDetectors.RuleManipulation,
        ScenarioKind.AttachmentBurst => AlertDetectors.Exfiltration,
        ScenarioKind.FirstSeenDomainBurst => AlertDetectors.NewDomain,
        ScenarioKind.OffHoursActivity => AlertDetectors.OffHours,
        ScenarioKind.ExternalDrift => AlertDetectors.Drift,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scenario kind."),
    };
}
