namespace Outlook.Contracts.Alerts;

/// <summary>
/// What an alert is based on: the observed value against the user's baseline, and the domains,
/// rule ids and folders involved. Fields that do not apply to a detector are null.
/// </summary>
public sealed record AlertEvidence
{
    /// <summary>Name of the measured quantity, for example "external_attachment_messages_per_day".</summary>
    public string? Metric { get; init; }

    public double? Observed { get; init; }

    /// <summary>The user's learned value of <see cref="Metric"/> before the incident.</summary>
    public double? Baseline { get; init; }

    public double? BaselineStdDev { get; init; }

    /// <summary>The value <see cref="Observed"/> had to exceed for the alert to fire.</summary>
    public double? Threshold { get; init; }

    public IReadOnlyList<string>? Domains { get; init; }

    public IReadOnlyList<string>? RuleIds { get; init; }

    /// <summary>Rule actions involved: forward, redirect, forward_as_attachment, delete, permanent_delete, move, opaque.</summary>
    public IReadOnlyList<string>? RuleActions { get; init; }

    public IReadOnlyList<string>? Folders { get; init; }

    /// <summary>Hour of the week in the user's time zone, 0 = Sunday 00:00 to 167 = Saturday 23:00.</summary>
    public int? LocalHourOfWeek { get; init; }

    /// <summary>IANA or Windows id of the time zone the local hour refers to.</summary>
    public string? TimeZone { get; init; }
}
