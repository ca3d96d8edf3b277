using Outlook.Worker.Normalization;

namespace Outlook.Worker.Identity;

/// <summary>
/// Message states as they will be once one mailbox batch's writes reach Redis. A batch sends its
/// state writes only after all its events are acknowledged, so an update later in the same batch
/// reads the earlier records' changes from here instead of from Redis.
/// </summary>
internal sealed class BatchMessageStates(MessageStateStore store)
{
    private readonly Dictionary<string, PendingState> _pending = new(StringComparer.Ordinal);

    /// <summary>Returns the state the message has after the batch's earlier records, merging Redis with their pending writes.</summary>
    public async Task<MessageState?> GetAsync(string tenantId, string mailboxId, string messageId, CancellationToken cancellationToken)
    {
        if (!_pending.TryGetValue(MessageStateStore.Key(tenantId, mailboxId, messageId), out var pending))
        {
            return await store.GetAsync(tenantId, mailboxId, messageId, cancellationToken);
        }

        var stored = pending.Deleted ? null : await store.GetAsync(tenantId, mailboxId, messageId, cancellationToken);
        return pending.ApplyTo(stored);
    }

    /// <summary>Records a write that <see cref="MessageStateStore.SetAsync"/> will make: fields that are null keep their stored value.</summary>
    public void Set(string tenantId, string mailboxId, string messageId, MessageMetadata metadata)
    {
        var pending = Pending(tenantId, mailboxId, messageId);
        pending.IsRead = metadata.IsRead ?? pending.IsRead;
        pending.FlagStatus = metadata.FlagStatus ?? pending.FlagStatus;
        pending.ParentFolderId = metadata.ParentFolderId ?? pending.ParentFolderId;
    }

    /// <summary>Records a delete that <see cref="MessageStateStore.DeleteAsync"/> will make.</summary>
    public void Delete(string tenantId, string mailboxId, string messageId)
    {
        var pending = Pending(tenantId, mailboxId, messageId);
        pending.Deleted = true;
        pending.IsRead = null;
        pending.FlagStatus = null;
        pending.ParentFolderId = null;
    }

    private PendingState Pending(string tenantId, string mailboxId, string messageId)
    {
        var key = MessageStateStore.Key(tenantId, mailboxId, messageId);
        if (!_pending.TryGetValue(key, out var pending))
        {
            pending = new PendingState();
            _pending[key] = pending;
        }

        return pending;
    }

    private sealed class PendingState
    {
        /// <summary>True once the batch deleted the entry, so nothing stored before the batch survives.</summary>
        public bool Deleted { get; set; }

        public bool? IsRead { get; set; }

        public string? FlagStatus { get; set; }

        public string? ParentFolderId { get; set; }

        public MessageState? ApplyTo(MessageState? stored)
        {
            var isRead = IsRead ?? stored?.IsRead;
            var flag = FlagStatus ?? stored?.FlagStatus;
            var folder = ParentFolderId ?? stored?.ParentFolderId;
            return isRead is null && flag is null && folder is null ? null : new MessageState(isRead, flag, folder);
        }
    }
}
