namespace Outlook.GraphEmulator.Notifications;

/// <summary>
/// Counters of one subscription's notifications. Every queued item ends as exactly one of
/// acknowledged, failed or dropped, or is still pending, so the counts add up at any time.
/// </summary>
public sealed class DeliveryStatistics
{
    private long _queued;
    private long _sent;
    private long _acknowledged;
    private long _failed;
    private long _dropped;
    private long _requests;
    private long _retries;
    private long _lifecycleQueued;
    private long _lifecycleAcknowledged;
    private long _lifecycleFailed;

    public void Queued(int count, bool lifecycle) =>
        Interlocked.Add(ref lifecycle ? ref _lifecycleQueued : ref _queued, count);

    public void Sent(int count) => Interlocked.Add(ref _sent, count);

    public void Acknowledged(int count, bool lifecycle) =>
        Interlocked.Add(ref lifecycle ? ref _lifecycleAcknowledged : ref _acknowledged, count);

    public void Failed(int count, bool lifecycle) =>
        Interlocked.Add(ref lifecycle ? ref _lifecycleFailed : ref _failed, count);

    public void Dropped(int count) => Interlocked.Add(ref _dropped, count);

    public void Request() => Interlocked.Increment(ref _requests);

    public void Retry() => Interlocked.Increment(ref _retries);

    public DeliveryCounts Read()
    {
        var queued = Interlocked.Read(ref _queued);
        var acknowledged = Interlocked.Read(ref _acknowledged);
        var failed = Interlocked.Read(ref _failed);
        var dropped = Interlocked.Read(ref _dropped);
        return new DeliveryCounts(
            queued,
            Interlocked.Read(ref _sent),
            acknowledged,
            failed,
            dropped,
            queued - acknowledged - failed - dropped,
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _retries),
            Interlocked.Read(ref _lifecycleQueued),
            Interlocked.Read(ref _lifecycleAcknowledged),
            Interlocked.Read(ref _lifecycleFailed));
    }
}

/// <summary>
/// A snapshot of delivery counters. Notification counts are items, not requests: <c>Sent</c>
/// counts items whose first POST went out, <c>Retries</c> counts repeated POSTs.
/// </summary>
public sealed record DeliveryCounts(
    long Queued,
    long Sent,
    long Acknowledged,
    long Failed,
    long Dropped,
    long Pending,
    long Requests,
    long Retries,
    long LifecycleQueued,
    long LifecycleAcknowledged,
    long LifecycleFailed)
{
    public static DeliveryCounts Sum(IEnumerable<DeliveryCounts> all)
    {
        var list = all.ToList();
        return new DeliveryCounts(
            list.Sum(c => c.Queued),
            list.Sum(c => c.Sent),
            list.Sum(c => c.Acknowledged),
            list.Sum(c => c.Failed),
            list.Sum(c => c.Dropped),
            list.Sum(c => c.Pending),
            list.Sum(c => c.Requests),
            list.Sum(c => c.Retries),
            list.Sum(c => c.LifecycleQueued),
            list.Sum(c => c.LifecycleAcknowledged),
            list.Sum(c => c.LifecycleFailed));
    }
}
