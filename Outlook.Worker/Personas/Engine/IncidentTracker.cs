using System.Security.Cryptography;
using System.Text;
using Outlook.Contracts.Alerts;
using Outlook.Worker.Detections;
using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Personas.Engine;

/// <summary>Turns findings into alerts: a finding inside an open incident updates that incident's alert.</summary>
internal static class IncidentTracker
{
    /// <summary>Open incidents kept per persona; the oldest are dropped beyond this.</summary>
    private const int MaxIncidents = 64;

    public static List<Alert> Record(PersonaState state, IEnumerable<DetectionFinding> findings, DateTimeOffset time)
    {
        Prune(state, time);
        var alerts = new List<Alert>();
        foreach (var finding in findings)
        {
            var incident = FindOpen(state, finding, time) ?? Open(state, finding, time);
            incident.Count++;
            incident.LastSeen = time > incident.LastSeen ? time : incident.LastSeen;
            incident.FirstSeen = time < incident.FirstSeen ? time : incident.FirstSeen;
            incident.Severity = Max(incident.Severity, finding.Severity);
            alerts.Add(ToAlert(state, incident, finding));
        }

        return alerts;
    }

    private static IncidentRecord? FindOpen(PersonaState state, DetectionFinding finding, DateTimeOffset time) =>
        state.Incidents.Find(incident =>
            incident.DetectorId == finding.DetectorId
            && incident.IncidentKey == finding.IncidentKey
            && time - incident.LastSeen <= finding.IncidentWindow
            && incident.FirstSeen - time <= finding.IncidentWindow);

    private static IncidentRecord Open(PersonaState state, DetectionFinding finding, DateTimeOffset time)
    {
        var incident = new IncidentRecord
        {
            AlertId = AlertIdOf(state.Tuid, finding.DetectorId, finding.IncidentKey, time),
            DetectorId = finding.DetectorId,
            IncidentKey = finding.IncidentKey,
            Severity = finding.Severity,
            FirstSeen = time,
            LastSeen = time,
            Window = finding.IncidentWindow,
        };
        state.Incidents.Add(incident);
        if (state.Incidents.Count > MaxIncidents)
        {
            state.Incidents.Remove(state.Incidents.MinBy(i => i.LastSeen)!);
        }

        return incident;
    }

    private static void Prune(PersonaState state, DateTimeOffset time) =>
        state.Incidents.RemoveAll(incident => time - incident.LastSeen > incident.Window);

    /// <summary>
    /// Derives the alert id from the incident's identity and its first event time, so replaying
    /// the same events yields the same id.
    /// </summary>
    private static string AlertIdOf(string tuid, string detectorId, string incidentKey, DateTimeOffset firstSeen)
    {
        var identity = string.Join('\u001f', tuid, detectorId, incidentKey, firstSeen.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16));
    }

    private static Alert ToAlert(PersonaState state, IncidentRecord incident, DetectionFinding finding) => new()
    {
        AlertId = incident.AlertId,
        DetectorId = incident.DetectorId,
        Severity = incident.Severity,
        Tuid = state.Tuid,
        Address = state.Address,
        DomainId = state.DomainId,
        IncidentKey = incident.IncidentKey,
        Summary = finding.Summary,
        FirstSeen = incident.FirstSeen,
        LastSeen = incident.LastSeen,
        Count = incident.Count,
        Evidence = finding.Evidence,
    };

    private static string Max(string left, string right) => Rank(right) > Rank(left) ? right : left;

    private static int Rank(string severity) => severity switch
    {
        AlertSeverities.High => 3,
        AlertSeverities.Medium => 2,
        AlertSeverities.Low => 1,
        _ => 0,
    };
}
