namespace Outlook.Worker.Normalization;

/// <summary>
/// The last seen read, flag and folder state of a message. Graph's "updated" notification does
/// not say what changed, so the worker compares against this to tell a read from a move.
/// </summary>
internal sealed record MessageState(bool? IsRead, string? FlagStatus, string? ParentFolderId);
