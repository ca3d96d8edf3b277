namespace Outlook.Contracts;

/// <summary>Values of <see cref="NotificationRecord.Kind"/>.</summary>
public static class RecordKinds
{
    /// <summary>A message created, updated or deleted, from a webhook notification or a delta catch-up.</summary>
    public const string Message = "message";

    /// <summary>A Graph lifecycle notification (reauthorizationRequired, subscriptionRemoved, missed).</summary>
    public const string Lifecycle = "lifecycle";

    /// <summary>A mail folder created, renamed or deleted, found by folder delta.</summary>
    public const string Folder = "folder";

    /// <summary>An inbox rule created, updated or deleted, found by polling messageRules.</summary>
    public const string Rule = "rule";
}

/// <summary>Values of <see cref="NotificationRecord.Origin"/>: which component saw the change.</summary>
public static class RecordOrigins
{
    public const string Webhook = "webhook";
    public const string Delta = "delta";
    public const string FolderDelta = "folder-delta";
    public const string RulePoll = "rule-poll";
}
