using System.Collections.Concurrent;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Throttling;

/// <summary>Request counts per mailbox: requests in flight and requests in the current budget window.</summary>
public sealed class MailboxUsageTracker
{
    private readonly ConcurrentDictionary<string, MailboxUsage> _usage = new(StringComparer.OrdinalIgnoreCase);

    public MailboxUsage For(string userId) => _usage.GetOrAdd(userId, _ => new MailboxUsage());

    public void Reset() => _usage.Clear();
}

/// <summary>One mailbox's requests in flight and in the current budget window.</summary>
public sealed class MailboxUsage
{
    private readonly Lock _sync = new();
    private int _concurrent;
    private int _windowCount;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;

    public bool TryEnter(DateTimeOffset now, EmulatorOptions settings)
    {
        lock (_sync)
        {
            if (now - _windowStart >= settings.RequestBudgetWindow)
            {
                _windowStart = now;
                _windowCount = 0;
            }

            if (_concurrent >= settings.MaxConcurrentRequestsPerMailbox || _windowCount >= settings.RequestBudget)
            {
                return false;
            }

            _concurrent++;
            _windowCount++;
            return true;
        }
    }

    public void Exit()
    {
        lock (_sync)
        {
            _concurrent--;
        }
    }
}
