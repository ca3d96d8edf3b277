namespace Outlook.Contracts.Events;

/// <summary>Fixed values of the TOTAL event schema.</summary>
public static class NormalizedEventConstants
{
    public const string EventType = "EMAIL";
    public const string Source = "OUTLOOK";
    public const string SignalType = "COMMUNICATIONS";
    public const string PlatformEventSource = "MICROSOFT_GRAPH_OUTLOOK_API";
    public const string SourcePlatform = "microsoft_outlook";

    /// <summary>Timestamp format of every date in an event: UTC, milliseconds, trailing Z.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
}
