using System.Globalization;
using Outlook.Contracts.Alerts;
using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Detections;

/// <summary>
/// Fires when one local day's external mail with attachments, or external mail in general,
/// exceeds the user's decayed daily mean by many standard deviations and a fixed floor.
/// </summary>
internal sealed class ExfiltrationDetector : IDetector
{
    public string Id => AlertDetectors.Exfiltration;

    public IEnumerable<DetectionFinding> Detect(DetectionContext context)
    {
        var observed = context.Event;
        if (!observed.IsSent || !observed.IsExternal || !context.IsWarm)
        {
            yield break;
        }

        var settings = context.Settings.Exfiltration;
        var today = context.Persona.Today;
        var date = today.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (observed.HasAttachments
            && Exceeds(today.ExternalAttachmentSent, context.Persona.Daily.ExternalAttachmentSent, settings.MinAttachmentMessages, settings.AttachmentSigmas, settings.MinStdDev) is { } attachmentThreshold)
        {
            yield return Finding(
                context,
                $"attachments:{date}",
                AlertSeverities.High,
                "external_attachment_messages_per_day",
                today.ExternalAttachmentSent,
                context.Persona.Daily.ExternalAttachmentSent,
                attachmentThreshold,
                today.ExternalAttachmentDomains);
        }

        if (Exceeds(today.ExternalSent, context.Persona.Daily.ExternalSent, settings.MinBulkMessages, settings.BulkSigmas, settings.MinStdDev) is { } bulkThreshold)
        {
            yield return Finding(
                context,
                $"bulk:{date}",
                AlertSeverities.Medium,
                "external_messages_per_day",
                today.ExternalSent,
                context.Persona.Daily.ExternalSent,
                bulkThreshold,
                observed.ExternalRecipientDomains);
        }
    }

    /// <summary>Returns the threshold when <paramref name="observed"/> reaches it, else null.</summary>
    private static double? Exceeds(int observed, EwStat baseline, int minimum, double sigmas, double minStdDev)
    {
        var threshold = Math.Max(minimum, baseline.Mean + sigmas * Math.Max(baseline.StdDev, minStdDev));
        return observed >= threshold ? threshold : null;
    }

    private DetectionFinding Finding(DetectionContext context, string key, string severity, string metric, int observed, EwStat baseline, double threshold, IReadOnlyList<string> domains) =>
        new(
            Id,
            key,
            severity,
            string.Create(CultureInfo.InvariantCulture, $"{observed} {metric.Replace('_', ' ')} against a usual {baseline.Mean:0.#} (threshold {threshold:0.#})"),
            new AlertEvidence
            {
                Metric = metric,
                Observed = observed,
                Baseline = baseline.Mean,
                BaselineStdDev = baseline.StdDev,
                Threshold = threshold,
                Domains = [.. domains],
            },
            context.Settings.Exfiltration.IncidentWindow);
}
