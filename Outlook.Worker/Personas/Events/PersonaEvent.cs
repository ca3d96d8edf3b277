namespace Outlook.Worker.Personas.Events;

/// <summary>
/// The fields of a normalised event on outlook.events that personas read. Unknown fields are
/// ignored, so the normaliser can add fields without breaking this consumer.
/// </summary>
internal sealed record PersonaEvent
{
    public string? EventId { get; init; }

    public string? DomainId { get; init; }

    public string? Tuid { get; init; }

    /// <summary>When the change happened: received or sent time for mail, change time otherwise.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public PersonaEventPayload? Payload { get; init; }

    public PersonaRawMetadata? RawMetadata { get; init; }
}
