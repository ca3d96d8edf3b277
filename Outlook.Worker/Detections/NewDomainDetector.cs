using Outlook.Contracts.Alerts;

namespace Outlook.Worker.Detections;

/// <summary>
/// Fires when the user sends many messages to an external domain first seen a short time ago.
/// </summary>
/// <remarks>
/// NOTE: a domain evicted from the bounded domain map is first-seen again when it returns; a
/// larger Personas:MaxDomains reduces such repeats.
/// </remarks>
internal sealed class NewDomainDetector : IDetector
{
    public string Id => AlertDetectors.NewDomain;

    public IEnumerable<DetectionFinding> Detect(DetectionContext context)
    {
        var observed = context.Event;
        if (!observed.IsSent || !context.IsWarm)
        {
            yield break;
        }

        var settings = context.Settings.NewDomain;
        foreach (var domain in observed.ExternalRecipientDomains)
        {
            if (!context.Persona.Domains.TryGetValue(domain, out var stats)
                || observed.Timestamp - stats.FirstSeen > settings.Window
                || stats.Sent < settings.MinMessages)
            {
                continue;
            }

            yield return new DetectionFinding(
                Id,
                domain,
                AlertSeverities.Medium,
                $"{stats.Sent} messages sent to {domain}, first seen {stats.FirstSeen:u}",
                new AlertEvidence
                {
                    Metric = "messages_sent_to_new_domain",
                    Observed = stats.Sent,
                    Baseline = context.Persona.Daily.ExternalSent.Mean,
                    Threshold = settings.MinMessages,
                    Domains = [domain],
                },
                settings.IncidentWindow);
        }
    }
}
