namespace Outlook.Worker.Personas.Events;

/// <summary>The raw_metadata fields personas read.</summary>
internal sealed record PersonaRawMetadata : RuleFields
{
    /// <summary>The sender's address, used as the correspondent of received mail.</summary>
    public string? FromAddress { get; init; }
}
