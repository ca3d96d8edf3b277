using System.Collections.Concurrent;
using Outlook.GraphEmulator.Notifications;

namespace Outlook.GraphEmulator.Subscriptions;

/// <summary>Active subscriptions, and the statistics of removed ones so totals still add up.</summary>
public sealed class SubscriptionStore
{
    private readonly ConcurrentDictionary<string, Subscription> _active = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Subscription> _removed = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<Subscription> Active => _active.Values;

    /// <summary>Every subscription seen since the last reset, removed ones included.</summary>
    public IEnumerable<Subscription> All => _active.Values.Concat(_removed.Values);

    public Subscription? Find(string id) => _active.GetValueOrDefault(id);

    public bool IsActive(string id) => _active.ContainsKey(id);

    public int CountForUser(string userId) =>
        _active.Values.Count(s => string.Equals(s.UserId, userId, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<Subscription> ForUser(string userId) =>
        _active.Values.Where(s => string.Equals(s.UserId, userId, StringComparison.OrdinalIgnoreCase));

    public void Add(Subscription subscription) => _active[subscription.Id] = subscription;

    public Subscription? Remove(string id)
    {
        if (!_active.TryRemove(id, out var subscription))
        {
            return null;
        }

        _removed[id] = subscription;
        return subscription;
    }

    public DeliveryCounts Totals() => DeliveryCounts.Sum(All.Select(s => s.Statistics.Read()));

    public void Clear()
    {
        _active.Clear();
        _removed.Clear();
    }
}
