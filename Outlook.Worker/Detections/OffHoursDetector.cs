using System.Globalization;
using Outlook.Contracts.Alerts;

namespace Outlook.Worker.Detections;

/// <summary>
/// Fires when the user sends mail or changes a rule in an hour of the week where the user's
/// own activity histogram is empty around that hour, both on that day of the week and summed
/// over all days.
/// </summary>
internal sealed class OffHoursDetector : IDetector
{
    public string Id => AlertDetectors.OffHours;

    public IEnumerable<DetectionFinding> Detect(DetectionContext context)
    {
        var observed = context.Event;
        var settings = context.Settings.OffHours;
        var hours = context.Persona.Hours;
        if (!observed.IsUserActivity || !context.IsWarm || context.Persona.ActivityCount < settings.MinActivityEvents)
        {
            yield break;
        }

        var total = hours.Total;
        if (total <= 0)
        {
            yield break;
        }

        var share = hours.WeightAround(observed.HourOfWeek, settings.NeighbourHours) / total;
        var hourOfDayShare = hours.WeightAroundHourOfDay(observed.HourOfWeek, settings.NeighbourHours) / total;
        if (share >= settings.MaxBinShare || hourOfDayShare >= settings.MaxHourOfDayShare)
        {
            yield break;
        }

        yield return new DetectionFinding(
            Id,
            observed.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            AlertSeverities.Medium,
            string.Create(CultureInfo.InvariantCulture, $"Activity at {observed.LocalTime:ddd HH:mm} local time, an hour with {share:P2} of the user's activity"),
            new AlertEvidence
            {
                Metric = "hour_of_week_activity_share",
                Observed = share,
                Threshold = settings.MaxBinShare,
                LocalHourOfWeek = observed.HourOfWeek,
                TimeZone = context.Tenant.TimeZone.Id,
            },
            settings.IncidentWindow);
    }
}
