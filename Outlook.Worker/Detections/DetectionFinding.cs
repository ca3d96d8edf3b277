using Outlook.Contracts.Alerts;

namespace Outlook.Worker.Detections;

/// <summary>
/// What a detector found in one event. Findings with the same detector and incident key within
/// <see cref="IncidentWindow"/> of each other are one incident and update one alert.
/// </summary>
internal sealed record DetectionFinding(
    string DetectorId,
    string IncidentKey,
    string Severity,
    string Summary,
    AlertEvidence Evidence,
    TimeSpan IncidentWindow);
