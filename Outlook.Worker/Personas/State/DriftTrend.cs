namespace Outlook.Worker.Personas.State;

/// <summary>Short- and long-window means of the external share of sent mail and of external messages per day.</summary>
internal sealed class DriftTrend
{
    public double ShortShare { get; set; }

    public double LongShare { get; set; }

    /// <summary>Days with sent mail folded into the share means.</summary>
    public int ShareDays { get; set; }

    public double ShortVolume { get; set; }

    public double LongVolume { get; set; }

    public int VolumeDays { get; set; }
}
