namespace Outlook.Worker.Personas.State;

/// <summary>One inbox rule as last seen: only what it does, never its name or conditions.</summary>
internal sealed class RuleRecord
{
    public List<string> TargetDomains { get; set; } = [];

    public bool ForwardsExternally { get; set; }

    public bool Deletes { get; set; }

    public string? MoveToFolder { get; set; }

    public bool IsOpaque { get; set; }

    public bool IsEnabled { get; set; }

    /// <summary>The risky actions already alerted on, so an unrelated update of the rule stays silent.</summary>
    public List<string> RiskyActions { get; set; } = [];

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
