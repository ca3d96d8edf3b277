namespace Outlook.Worker.Processing;

/// <summary>
/// Tracks one assigned partition's consumed offsets and returns the offset that is safe to commit:
/// the lowest unfinished offset, or one past the highest consumed when all are finished. Records
/// finish out of order across mailboxes, so an offset is committed only when every earlier one is done.
/// Used only from the consume loop's thread.
/// </summary>
internal sealed class PartitionOffsets
{
    private readonly SortedSet<long> _pending = [];
    private long _highestConsumed = -1;
    private long _committable = -1;

    public int PendingCount => _pending.Count;

    public void Consumed(long offset)
    {
        _pending.Add(offset);
        _highestConsumed = Math.Max(_highestConsumed, offset);
    }

    /// <summary>Marks an offset finished and returns the new committable offset, or null when it did not advance.</summary>
    public long? Completed(long offset)
    {
        if (!_pending.Remove(offset))
        {
            return null;
        }

        var next = _pending.Count > 0 ? _pending.Min : _highestConsumed + 1;
        if (next <= _committable)
        {
            return null;
        }

        _committable = next;
        return next;
    }
}
