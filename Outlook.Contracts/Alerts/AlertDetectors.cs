namespace Outlook.Contracts.Alerts;

/// <summary>Values of <see cref="Alert.DetectorId"/>.</summary>
public static class AlertDetectors
{
    /// <summary>An inbox rule forwards or redirects outside the tenant, deletes mail, moves it to an obscure folder, or cannot be read.</summary>
    public const string RuleManipulation = "rule-manipulation";

    /// <summary>External mail with attachments, or bulk sending, far above the user's daily baseline.</summary>
    public const string Exfiltration = "exfiltration";

    /// <summary>An external domain the user never mailed before receives an unusual volume of mail.</summary>
    public const string NewDomain = "new-external-domain";

    /// <summary>The user acts in an hour of the week where the user's activity histogram is empty.</summary>
    public const string OffHours = "off-hours-activity";

    /// <summary>External share or external volume rises over weeks: the short-window mean stays above the long-window mean.</summary>
    public const string Drift = "external-drift";
}
