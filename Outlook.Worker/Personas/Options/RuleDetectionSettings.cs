namespace Outlook.Worker.Personas.Options;

internal sealed class RuleDetectionSettings
{
    /// <summary>
    /// Folder names (display or well-known, compared without case, spaces or underscores) where
    /// mail moved by a rule is unlikely to be seen. Configured values add to these.
    /// </summary>
    public List<string> ObscureFolders { get; } =
    [
        "RSS Feeds", "RSS Subscriptions", "Conversation History", "Archive", "Junk Email", "Junk",
        "Deleted Items", "Notes", "Sync Issues", "Conflicts", "Local Failures", "Server Failures",
        "Outbox", "Scheduled", "Clutter",
    ];

    /// <summary>Changes to one rule within this time of the incident's last change update the same alert.</summary>
    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromDays(7);
}
