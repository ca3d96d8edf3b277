namespace Outlook.Contracts;

/// <summary>Kafka topic names shared by every service.</summary>
public static class Topics
{
    /// <summary>Accepted change and lifecycle notifications, plus records found by catch-up, folder and rule polling.</summary>
    public const string Notifications = "outlook.notifications";

    /// <summary>Normalised events, keyed by TUID.</summary>
    public const string Events = "outlook.events";

    /// <summary>Detections raised against user personas.</summary>
    public const string Alerts = "outlook.alerts";

    /// <summary>Records that could not be processed, with the reason in a header.</summary>
    public const string DeadLetter = "outlook.deadletter";

    public static IReadOnlyList<string> All { get; } = [Notifications, Events, Alerts, DeadLetter];
}
