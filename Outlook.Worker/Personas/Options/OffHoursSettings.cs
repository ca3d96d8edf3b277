namespace Outlook.Worker.Personas.Options;

/// <summary>When sending or changing rules in an empty hour of the week fires.</summary>
internal sealed class OffHoursSettings
{
    /// <summary>Fewest own actions (sent mail, rule changes) learned before the histogram is trusted.</summary>
    public int MinActivityEvents { get; set; } = 40;

    /// <summary>The hour and its neighbours count as empty below this share of the histogram's weight.</summary>
    public double MaxBinShare { get; set; } = 0.002;

    /// <summary>
    /// The same hour of the day (with its neighbours) summed over all seven days must also stay
    /// below this share, so a sparse histogram's empty bin in an hour the user is active on other
    /// days does not fire.
    /// </summary>
    public double MaxHourOfDayShare { get; set; } = 0.01;

    /// <summary>Hours on each side of the event's hour that must also be empty.</summary>
    public int NeighbourHours { get; set; } = 1;

    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromHours(12);
}
