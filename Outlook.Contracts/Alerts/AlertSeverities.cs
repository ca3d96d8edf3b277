namespace Outlook.Contracts.Alerts;

/// <summary>Values of <see cref="Alert.Severity"/>, lowest first.</summary>
public static class AlertSeverities
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
}
