namespace Outlook.GraphEmulator.Mail;

/// <summary>Graph's well-known folder names and how corpus folder names map onto them.</summary>
public static class WellKnownFolders
{
    public const string Root = "msgfolderroot";
    public const string Inbox = "inbox";
    public const string SentItems = "sentitems";
    public const string DeletedItems = "deleteditems";
    public const string Drafts = "drafts";
    public const string JunkEmail = "junkemail";
    public const string Archive = "archive";
    public const string Outbox = "outbox";

    public static readonly IReadOnlyList<(string Alias, string DisplayName)> Standard =
    [
        (Inbox, "Inbox"),
        (SentItems, "Sent Items"),
        (DeletedItems, "Deleted Items"),
        (Drafts, "Drafts"),
        (JunkEmail, "Junk Email"),
        (Archive, "Archive"),
        (Outbox, "Outbox"),
    ];

    private static readonly HashSet<string> SentNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "sent", "_sent_mail", "sent_items", "sentitems", "sent items",
    };

    private static readonly HashSet<string> DeletedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "deleted_items", "deleteditems", "deleted items",
    };

    /// <summary>Returns whether mail filed in <paramref name="corpusFolder"/> was sent by the mailbox owner.</summary>
    public static bool IsSentFolder(string corpusFolder) => SentNames.Contains(corpusFolder);

    /// <summary>Maps a corpus folder name to a well-known alias, or returns it unchanged as a custom folder name.</summary>
    public static string MapCorpusFolder(string corpusFolder)
    {
        if (IsSentFolder(corpusFolder))
        {
            return SentItems;
        }

        if (DeletedNames.Contains(corpusFolder))
        {
            return DeletedItems;
        }

        return string.Equals(corpusFolder, Inbox, StringComparison.OrdinalIgnoreCase) ? Inbox : corpusFolder;
    }
}
