namespace Outlook.Worker.Personas.Events;

/// <summary>
/// Inbox rule fields of an inbox_rule_created, inbox_rule_updated or inbox_rule_deleted event.
/// The normaliser may put them in payload or in raw_metadata; <see cref="RuleChange"/> merges both.
/// </summary>
internal record RuleFields
{
    public string? RuleId { get; init; }

    public IReadOnlyList<string>? ForwardToDomains { get; init; }

    public IReadOnlyList<string>? RedirectToDomains { get; init; }

    public IReadOnlyList<string>? ForwardAsAttachmentToDomains { get; init; }

    /// <summary>True when any forward, redirect or forward-as-attachment target is outside the tenant's domains.</summary>
    public bool? AnyExternalTarget { get; init; }

    /// <summary>The rule moves matching mail to Deleted Items.</summary>
    public bool? Delete { get; init; }

    public bool? PermanentDelete { get; init; }

    /// <summary>Display name (or well-known name) of the folder the rule moves or copies mail to.</summary>
    public string? MoveToFolder { get; init; }

    public bool? IsReadOnly { get; init; }

    /// <summary>True when Graph returned the rule without conditions or actions, so what it does is unknown.</summary>
    public bool? IsOpaque { get; init; }

    public bool? IsEnabled { get; init; }
}
