using System.Text.Json.Nodes;
using Outlook.GraphEmulator.Mail;

namespace Outlook.GraphEmulator.Graph;

/// <summary>Writes a mail folder in Graph's shape; the caller holds the mailbox lock for the counts.</summary>
public static class FolderJson
{
    public static JsonObject Build(Mailbox mailbox, MailFolder folder) => new()
    {
        ["id"] = folder.Id,
        ["displayName"] = folder.DisplayName,
        ["parentFolderId"] = folder.ParentFolderId,
        ["childFolderCount"] = mailbox.Folders.Count(f => f.ParentFolderId == folder.Id),
        ["unreadItemCount"] = mailbox.CountMessages(folder.Id, unreadOnly: true),
        ["totalItemCount"] = mailbox.CountMessages(folder.Id, unreadOnly: false),
        ["sizeInBytes"] = mailbox.CountMessages(folder.Id, unreadOnly: false) * 4096,
        ["isHidden"] = folder.IsHidden,
    };
}
