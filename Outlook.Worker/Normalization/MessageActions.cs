using Outlook.Contracts.Events;

namespace Outlook.Worker.Normalization;

/// <summary>
/// Decides a message event's action from the mailbox owner's point of view.
/// </summary>
/// <remarks>
/// email_forwarded is never emitted from message metadata. A forward shows only in the subject
/// prefix (which the worker must not read), in the original message's PidTagLastVerbExecuted
/// extended property (which Mail.ReadBasic does not return), or in headers the allow-list
/// excludes. A sent message in a known conversation may be a reply as well as a forward, so
/// guessing from conversationId would mislabel replies. A forward therefore appears as
/// email_sent. Forwarding by inbox rule is reported on the rule events instead.
/// </remarks>
internal static class MessageActions
{
    public static string Resolve(string changeType, MessageMetadata? metadata, string? ownerAddress, MessageState? previous)
    {
        if (IsDeleted(changeType, metadata))
        {
            return EventActions.EmailDeleted;
        }

        if (metadata is null || !metadata.HasContent)
        {
            // NOTE: with no metadata (the fetch returned 404) a created message is reported as
            // received, the common case for mailbox subscriptions. A message the owner sent is
            // mislabelled here until the schema has a value for "unknown direction".
            return string.Equals(changeType, "created", StringComparison.OrdinalIgnoreCase)
                ? EventActions.EmailReceived
                : EventActions.EmailUpdated;
        }

        if (string.Equals(changeType, "created", StringComparison.OrdinalIgnoreCase))
        {
            return ResolveCreated(metadata, ownerAddress);
        }

        return ResolveUpdated(metadata, previous);
    }

    /// <summary>True when the owner sent the message: the from or sender address is the owner's.</summary>
    public static bool IsSentByOwner(MessageMetadata metadata, string? ownerAddress) =>
        ownerAddress is not null
        && (string.Equals(metadata.From?.Address, ownerAddress, StringComparison.OrdinalIgnoreCase)
            || string.Equals(metadata.Sender?.Address, ownerAddress, StringComparison.OrdinalIgnoreCase));

    private static bool IsDeleted(string changeType, MessageMetadata? metadata) =>
        string.Equals(changeType, "deleted", StringComparison.OrdinalIgnoreCase) || metadata?.RemovedReason is not null;

    private static string ResolveCreated(MessageMetadata metadata, string? ownerAddress)
    {
        if (metadata.IsDraft == true)
        {
            return EventActions.DraftCreated;
        }

        return IsSentByOwner(metadata, ownerAddress) ? EventActions.EmailSent : EventActions.EmailReceived;
    }

    private static string ResolveUpdated(MessageMetadata metadata, MessageState? previous)
    {
        if (previous is null)
        {
            return EventActions.EmailUpdated;
        }

        if (metadata.ParentFolderId is not null && previous.ParentFolderId is not null
            && metadata.ParentFolderId != previous.ParentFolderId)
        {
            return EventActions.EmailMoved;
        }

        if (metadata.IsRead is { } isRead && previous.IsRead is { } wasRead && isRead != wasRead)
        {
            return isRead ? EventActions.EmailRead : EventActions.EmailUnread;
        }

        if (string.Equals(metadata.FlagStatus, "flagged", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(previous.FlagStatus, "flagged", StringComparison.OrdinalIgnoreCase))
        {
            return EventActions.EmailFlagged;
        }

        return EventActions.EmailUpdated;
    }
}
