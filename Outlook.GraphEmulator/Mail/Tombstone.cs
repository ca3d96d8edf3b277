namespace Outlook.GraphEmulator.Mail;

/// <summary>A message or folder that left a folder (deleted or moved), kept so delta can report it as removed.</summary>
public sealed record Tombstone(long ChangeSequence, string ItemId, string FolderId, bool IsFolder);
