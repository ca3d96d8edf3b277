using System.Text.Json.Serialization;

namespace Outlook.Contracts.Events;

/// <summary>
/// One normalised mail, folder or inbox-rule change on <see cref="Topics.Events"/>, keyed by
/// <see cref="Tuid"/>. Property names and formats follow the TOTAL event schema: snake_case,
/// timestamps in UTC with milliseconds and a trailing Z.
/// </summary>
public sealed record NormalizedEvent
{
    /// <summary>A UUID derived from the change key, so every delivery of one change carries the same id.</summary>
    [JsonPropertyName("event_id")]
    public required string EventId { get; init; }

    [JsonPropertyName("event_type")]
    public string EventType { get; init; } = NormalizedEventConstants.EventType;

    [JsonPropertyName("source")]
    public string Source { get; init; } = NormalizedEventConstants.Source;

    [JsonPropertyName("signal_type")]
    public string SignalType { get; init; } = NormalizedEventConstants.SignalType;

    /// <summary>The customer domain id configured for the notification's tenant.</summary>
    [JsonPropertyName("domain_id")]
    public required string DomainId { get; init; }

    /// <summary>The mailbox owner's TUID.</summary>
    [JsonPropertyName("tuid")]
    public required string Tuid { get; init; }

    /// <summary>When the change happened: received time for received mail, sent time for sent mail, else the change time.</summary>
    [JsonPropertyName("timestamp")]
    public required string Timestamp { get; init; }

    [JsonPropertyName("payload")]
    public required EventPayload Payload { get; init; }

    [JsonPropertyName("raw_metadata")]
    public required RawMetadata RawMetadata { get; init; }

    /// <summary>The Graph resource id (message, folder or rule id).</summary>
    [JsonPropertyName("platform_event_id")]
    public required string PlatformEventId { get; init; }

    [JsonPropertyName("platform_event_source")]
    public string PlatformEventSource { get; init; } = NormalizedEventConstants.PlatformEventSource;
}
