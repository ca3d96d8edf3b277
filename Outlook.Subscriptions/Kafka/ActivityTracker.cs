using System.Collections.Concurrent;
using Outlook.Subscriptions.Storage;

namespace Outlook.Subscriptions.Kafka;

/// <summary>
/// Remembers when each mailbox last had a record on the notifications topic, read from the
/// record key alone, and writes it to Redis in batches so a silent mailbox can be found.
/// </summary>
public sealed class ActivityTracker(MailboxStore store, TimeProvider time)
{
    private ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);

    /// <summary>Notes activity for a record key of the form "tenantId/mailboxId".</summary>
    public void Observe(string? recordKey)
    {
        if (recordKey is null)
        {
            return;
        }

        var separator = recordKey.IndexOf('/', StringComparison.Ordinal);
        if (separator > 0 && separator < recordKey.Length - 1)
        {
            _pending[recordKey] = time.GetUtcNow().ToUnixTimeMilliseconds();
        }
    }

    /// <summary>Writes the activity noted since the last flush.</summary>
    public async Task FlushAsync()
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        var byTenant = batch.GroupBy(entry => entry.Key[..entry.Key.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal);
        foreach (var tenant in byTenant)
        {
            var lastSeen = tenant.Select(entry => KeyValuePair.Create(entry.Key[(tenant.Key.Length + 1)..], entry.Value));
            await store.RecordActivityAsync(tenant.Key, lastSeen);
        }
    }
}
