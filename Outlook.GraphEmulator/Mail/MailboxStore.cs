using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Options;
using Outlook.GraphEmulator.Replay;

namespace Outlook.GraphEmulator.Mail;

/// <summary>The tenant's users: one mailbox per corpus mailbox, found by id or by address.</summary>
public sealed class MailboxStore(Corpus corpus, IOptions<EmulatorOptions> options)
{
    private volatile IReadOnlyDictionary<string, Mailbox> _byKey = new Dictionary<string, Mailbox>();
    private volatile IReadOnlyList<Mailbox> _ordered = [];
    private readonly Lock _resetSync = new();

    public IReadOnlyList<Mailbox> All
    {
        get
        {
            EnsureCreated();
            return _ordered;
        }
    }

    /// <summary>Finds a mailbox by user id, address, or "{id}@{tenant}" as some resource spellings write it.</summary>
    public Mailbox? Find(string idOrAddress)
    {
        EnsureCreated();
        if (_byKey.TryGetValue(idOrAddress, out var mailbox))
        {
            return mailbox;
        }

        var at = idOrAddress.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && Guid.TryParse(idOrAddress[..at], out _) ? _byKey.GetValueOrDefault(idOrAddress[..at]) : null;
    }

    /// <summary>Replaces every mailbox with an empty one.</summary>
    public void Reset()
    {
        lock (_resetSync)
        {
            var mailboxes = corpus.Mailboxes
                .Select(m => new Mailbox(m.Mailbox, m.Owner ?? $"{m.Mailbox}@enron.com", options.Value.Seed))
                .ToList();
            foreach (var mailbox in mailboxes)
            {
                InitialRules.Seed(mailbox);
            }

            var byKey = new ConcurrentDictionary<string, Mailbox>(StringComparer.OrdinalIgnoreCase);
            foreach (var mailbox in mailboxes)
            {
                byKey[mailbox.UserId] = mailbox;
                byKey.TryAdd(mailbox.Address, mailbox);
                byKey.TryAdd(mailbox.MailboxName, mailbox);
            }

            _byKey = byKey;
            _ordered = mailboxes;
        }
    }

    private void EnsureCreated()
    {
        if (_ordered.Count == 0 && corpus.Mailboxes.Count > 0)
        {
            lock (_resetSync)
            {
                if (_ordered.Count == 0)
                {
                    Reset();
                }
            }
        }
    }
}
