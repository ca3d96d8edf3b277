namespace Outlook.Contracts.Events;

/// <summary>Values of <see cref="EventPayload.Action"/>, from the mailbox owner's point of view.</summary>
public static class EventActions
{
    public const string EmailReceived = "email_received";
    public const string EmailSent = "email_sent";
    public const string DraftCreated = "draft_created";
    public const string EmailRead = "email_read";
    public const string EmailUnread = "email_unread";
    public const string EmailFlagged = "email_flagged";
    public const string EmailMoved = "email_moved";
    public const string EmailUpdated = "email_updated";
    public const string EmailDeleted = "email_deleted";
    public const string EmailForwarded = "email_forwarded";
    public const string FolderCreated = "folder_created";
    public const string FolderRenamed = "folder_renamed";
    public const string FolderDeleted = "folder_deleted";
    public const string InboxRuleCreated = "inbox_rule_created";
    public const string InboxRuleUpdated = "inbox_rule_updated";
    public const string InboxRuleDeleted = "inbox_rule_deleted";

    public static IReadOnlyList<string> All { get; } =
    [
        EmailReceived, EmailSent, DraftCreated, EmailRead, EmailUnread, EmailFlagged, EmailMoved,
        EmailUpdated, EmailDeleted, EmailForwarded, FolderCreated, FolderRenamed, FolderDeleted,
        InboxRuleCreated, InboxRuleUpdated, InboxRuleDeleted,
    ];
}
