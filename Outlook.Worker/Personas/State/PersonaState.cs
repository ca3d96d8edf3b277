namespace Outlook.Worker.Personas.State;

/// <summary>
/// Everything learned about one user, stored as one JSON document per TUID. Counts decay with
/// event time (not wall-clock time), so replaying the same events always gives the same persona.
/// </summary>
internal sealed class PersonaState
{
    /// <summary>Layout version of this document, raised when a change cannot read older documents.</summary>
    public int SchemaVersion { get; set; } = 1;

    public string Tuid { get; set; } = "";

    public string? Address { get; set; }

    public string? DomainId { get; set; }

    public DateTimeOffset? FirstEventAt { get; set; }

    public DateTimeOffset? LastEventAt { get; set; }

    public long EventCount { get; set; }

    public long SentCount { get; set; }

    public long ReceivedCount { get; set; }

    /// <summary>Actions the user took (sent mail, rule changes); the hour-of-week histogram learns only from these.</summary>
    public long ActivityCount { get; set; }

    /// <summary>Last Kafka offset applied per partition of outlook.events, so a redelivered event is not counted twice.</summary>
    public Dictionary<int, long> AppliedOffsets { get; set; } = [];

    /// <summary>Domains the user sent to or received from, keyed by lower-case domain.</summary>
    public Dictionary<string, ContactStats> Domains { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Sender addresses of received mail, keyed by lower-case address.</summary>
    public Dictionary<string, ContactStats> Correspondents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Counts of the local day the latest event fell on; folded into <see cref="Daily"/> when the day ends.</summary>
    public DayTotals Today { get; set; } = new();

    public DailyBaseline Daily { get; set; } = new();

    public DriftTrend Trend { get; set; } = new();

    public HourOfWeekHistogram Hours { get; set; } = new();

    public ExternalShare Share { get; set; } = new();

    /// <summary>Inbox rules currently known, keyed by rule id.</summary>
    public Dictionary<string, RuleRecord> Rules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Open incidents, so repeated findings update one alert instead of raising new ones.</summary>
    public List<IncidentRecord> Incidents { get; set; } = [];

    /// <summary>Consecutive raised days counted by the drift detector.</summary>
    public DriftStreaks DriftStreaks { get; set; } = new();
}
