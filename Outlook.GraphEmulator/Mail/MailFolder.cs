namespace Outlook.GraphEmulator.Mail;

/// <summary>A mail folder; well-known folders also answer to their Graph alias (inbox, sentitems, ...).</summary>
public sealed class MailFolder
{
    public required string Id { get; init; }

    public required string DisplayName { get; set; }

    public required string ParentFolderId { get; init; }

    /// <summary>Graph's well-known folder name, or null for a folder the user created.</summary>
    public string? WellKnownName { get; init; }

    public bool IsHidden { get; init; }

    public long ChangeSequence { get; set; }
}
