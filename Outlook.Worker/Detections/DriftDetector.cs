using System.Globalization;
using Outlook.Contracts.Alerts;
using Outlook.Worker.Personas.Engine;
using Outlook.Worker.Personas.Options;

namespace Outlook.Worker.Detections;

/// <summary>
/// Fires when the short-window mean of the external share of sent mail, or of external messages
/// per day, has stayed raised above its long-window mean for many consecutive closed days. A
/// single burst raises the short mean only for a few days, so it does not sustain a streak.
/// This detector owns the streak counters in the persona.
/// </summary>
internal sealed class DriftDetector : IDetector
{
    public string Id => AlertDetectors.Drift;

    public IEnumerable<DetectionFinding> Detect(DetectionContext context)
    {
        var settings = context.Settings.Drift;
        var streaks = context.Persona.DriftStreaks;
        foreach (var day in context.ClosedDays)
        {
            if (day.ExternalShare is not null)
            {
                streaks.Share = IsShareRaised(day, settings) ? streaks.Share + 1 : 0;
            }

            streaks.Volume = IsVolumeRaised(day, settings) ? streaks.Volume + 1 : 0;
        }

        if (context.ClosedDays.Count == 0 || !context.IsWarm)
        {
            yield break;
        }

        var last = context.ClosedDays[^1];
        if (streaks.Share >= settings.SustainDays)
        {
            yield return Finding(context, "external_share", "external_share_of_sent_mail", last.ShortShare, last.LongShare, streaks.Share);
        }

        if (streaks.Volume >= settings.SustainDays)
        {
            yield return Finding(context, "external_volume", "external_messages_per_day", last.ShortVolume, last.LongVolume, streaks.Volume);
        }
    }

    private static bool IsShareRaised(ClosedDay day, DriftSettings settings) =>
        day.ShareDays >= settings.MinHistoryDays
        && day.ShortShare >= day.LongShare * settings.MinRatio
        && day.ShortShare - day.LongShare >= settings.MinShareIncrease;

    private static bool IsVolumeRaised(ClosedDay day, DriftSettings settings) =>
        day.VolumeDays >= settings.MinHistoryDays
        && day.ShortVolume >= day.LongVolume * settings.MinRatio
        && day.ShortVolume - day.LongVolume >= settings.MinVolumeIncrease;

    private DetectionFinding Finding(DetectionContext context, string key, string metric, double observed, double baseline, int days) =>
        new(
            Id,
            key,
            AlertSeverities.Low,
            string.Create(CultureInfo.InvariantCulture, $"{metric.Replace('_', ' ')} raised for {days} days: short-window mean {observed:0.###} against long-window mean {baseline:0.###}"),
            new AlertEvidence
            {
                Metric = metric,
                Observed = observed,
                Baseline = baseline,
                Threshold = baseline * context.Settings.Drift.MinRatio,
            },
            context.Settings.Drift.IncidentWindow);
}
