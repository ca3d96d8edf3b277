namespace Outlook.Worker.Personas.Options;

/// <summary>Thresholds on one local day's sent mail against the user's decayed daily mean and standard deviation.</summary>
internal sealed class ExfiltrationSettings
{
    /// <summary>Fewest external messages with attachments in one day that can fire.</summary>
    public int MinAttachmentMessages { get; set; } = 5;

    /// <summary>Standard deviations above the daily mean of external messages with attachments.</summary>
    public double AttachmentSigmas { get; set; } = 4;

    /// <summary>Fewest external messages sent in one day that count as bulk sending.</summary>
    public int MinBulkMessages { get; set; } = 40;

    /// <summary>Standard deviations above the daily mean of external messages sent.</summary>
    public double BulkSigmas { get; set; } = 5;

    /// <summary>Floor of the standard deviation, so a user who never sends does not fire on one message.</summary>
    public double MinStdDev { get; set; } = 1;

    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromDays(1);
}
