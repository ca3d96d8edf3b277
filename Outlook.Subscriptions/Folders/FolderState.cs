namespace Outlook.Subscriptions.Folders;

/// <summary>The last known name and parent of a mail folder, stored to detect renames and moves.</summary>
public sealed record FolderState(string DisplayName, string? ParentFolderId);
