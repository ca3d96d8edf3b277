using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Personas.Engine;

/// <summary>A local day that ended before the current event, with the drift means right after it was folded in.</summary>
internal sealed record ClosedDay(
    DateOnly Date,
    double? ExternalShare,
    int ExternalSent,
    double ShortShare,
    double LongShare,
    int ShareDays,
    double ShortVolume,
    double LongVolume,
    int VolumeDays)
{
    public static ClosedDay From(DayTotals day, DriftTrend trend) => new(
        day.Date,
        day.ExternalShare,
        day.ExternalSent,
        trend.ShortShare,
        trend.LongShare,
        trend.ShareDays,
        trend.ShortVolume,
        trend.LongVolume,
        trend.VolumeDays);
}
