namespace Outlook.GraphEmulator.Mail;

/// <summary>
/// One change to a message, as subscriptions see it. <see cref="Message"/> is a snapshot taken
/// under the mailbox lock, so a notification built later still shows the state of this change.
/// <see cref="PreviousFolderId"/> is set when the message moved, so a subscription on the old
/// folder is told it left and one on the new folder is told it arrived.
/// </summary>
public sealed record MessageChange(string UserId, string ChangeType, EmulatedMessage Message, string? PreviousFolderId = null);

/// <summary>The change types Graph uses for messages.</summary>
public static class ChangeTypes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    public static readonly IReadOnlyList<string> All = [Created, Updated, Deleted];
}
