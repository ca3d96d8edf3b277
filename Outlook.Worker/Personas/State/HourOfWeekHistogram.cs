namespace Outlook.Worker.Personas.State;

/// <summary>Decayed counts of the user's own actions per hour of the week in the user's time zone.</summary>
internal sealed class HourOfWeekHistogram
{
    public const int Hours = 168;

    /// <summary>Bin 0 is Sunday 00:00 to 00:59 local time, bin 167 Saturday 23:00 to 23:59.</summary>
    public double[] Bins { get; set; } = new double[Hours];

    /// <summary>Event time the bins were last decayed to.</summary>
    public DateTimeOffset? DecayedTo { get; set; }

    public double Total => Bins.Sum();

    public static int HourOfWeek(DateTime localTime) => (int)localTime.DayOfWeek * 24 + localTime.Hour;

    /// <summary>Sums the bins from <paramref name="hour"/> - <paramref name="radius"/> to + radius, wrapping around the week.</summary>
    public double WeightAround(int hour, int radius)
    {
        var sum = 0.0;
        for (var offset = -radius; offset <= radius; offset++)
        {
            sum += Bins[((hour + offset) % Hours + Hours) % Hours];
        }

        return sum;
    }

    /// <summary>Sums <see cref="WeightAround"/> of the same hour of the day over all seven days.</summary>
    public double WeightAroundHourOfDay(int hour, int radius)
    {
        var hourOfDay = hour % 24;
        var sum = 0.0;
        for (var day = 0; day < 7; day++)
        {
            sum += WeightAround(day * 24 + hourOfDay, radius);
        }

        return sum;
    }

    public void Add(int hour, DateTimeOffset time, TimeSpan halfLife)
    {
        if (Bins.Length != Hours)
        {
            Bins = new double[Hours];
        }

        if (DecayedTo is { } decayedTo && time > decayedTo)
        {
            var factor = Decay.Factor(time - decayedTo, halfLife);
            for (var i = 0; i < Hours; i++)
            {
                Bins[i] *= factor;
            }
        }

        Bins[hour] += 1;
        if (DecayedTo is null || time > DecayedTo)
        {
            DecayedTo = time;
        }
    }
}
