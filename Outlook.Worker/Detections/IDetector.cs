namespace Outlook.Worker.Detections;

/// <summary>One detection: reads the persona and the current event, returns what it found.</summary>
internal interface IDetector
{
    /// <summary>One of AlertDetectors.</summary>
    string Id { get; }

    IEnumerable<DetectionFinding> Detect(DetectionContext context);
}
