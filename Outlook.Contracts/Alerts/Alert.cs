namespace Outlook.Contracts.Alerts;

/// <summary>
/// One record on <see cref="Topics.Alerts"/>, keyed by <see cref="Tuid"/>. An incident keeps its
/// <see cref="AlertId"/> while it grows: a consumer upserts by id, and a later record for the same
/// id carries a larger <see cref="Count"/> and a later <see cref="LastSeen"/>. Carries metadata
/// only (counts, domains, rule ids, folders, times), never mail content.
/// </summary>
public sealed record Alert
{
    /// <summary>Stable per incident: the same user, detector and incident key inside one incident window.</summary>
    public required string AlertId { get; init; }

    /// <summary>One of <see cref="AlertDetectors"/>.</summary>
    public required string DetectorId { get; init; }

    /// <summary>One of <see cref="AlertSeverities"/>.</summary>
    public required string Severity { get; init; }

    public required string Tuid { get; init; }

    /// <summary>The mailbox owner's address, when the events named it.</summary>
    public string? Address { get; init; }

    public string? DomainId { get; init; }

    /// <summary>What the incident is about inside the detector: a domain, a rule id, a local date or a metric.</summary>
    public required string IncidentKey { get; init; }

    /// <summary>A one-line explanation built from the evidence, for an analyst's list view.</summary>
    public required string Summary { get; init; }

    /// <summary>Time of the first event that contributed to the incident.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>Time of the latest event that contributed to the incident.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>How many events have contributed to the incident so far.</summary>
    public required int Count { get; init; }

    public required AlertEvidence Evidence { get; init; }
}
