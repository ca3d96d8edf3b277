namespace Outlook.GraphEmulator.Mail;

/// <summary>What a new message needs from its source (corpus replay, generator, admin API).</summary>
public sealed record NewMessage(
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string FolderAlias,
    DateTimeOffset SentDateTime,
    string? InternetMessageId = null,
    bool IsRead = false,
    string Importance = "normal",
    int AttachmentCount = 0);
