namespace Outlook.Worker.Personas.Events;

/// <summary>The raw_metadata fields personas read.</summary>
internal sealed record PersonaRawMetadata : RuleFields
{
    /// <summary>The sender's address, used as the correspondent of received mail.</summary>
    public string? FromAddress { get; init; }

    // The normaliser's own rule field names (rule_ prefix); RuleChange reads them after the plain names.
    public IReadOnlyList<string>? RuleForwardToDomains { get; init; }

    public IReadOnlyList<string>? RuleForwardAsAttachmentToDomains { get; init; }

    public IReadOnlyList<string>? RuleRedirectToDomains { get; init; }

    public bool? RuleForwardsExternally { get; init; }

    public bool? RuleDeletes { get; init; }

    public bool? RulePermanentlyDeletes { get; init; }

    public string? RuleMoveToFolder { get; init; }

    public bool? RuleIsReadOnly { get; init; }

    public bool? RuleIsOpaque { get; init; }

    public bool? RuleIsEnabled { get; init; }
}
