using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Replay;

/// <summary>
/// Produces mailbox activity beyond the corpus: new mail (some with attachments or high
/// importance), reads, flags, moves, deletes, folder operations and rule changes. The same seed
/// on the same mailbox state produces the same actions.
/// </summary>
public sealed class SyntheticGenerator(MailboxStore mailboxes, MailService mail, IOptions<EmulatorOptions> options, TimeProvider time)
{
    private static readonly string[] Actions =
    [
        "deliver", "deliver", "deliver", "deliver", "read", "read", "read", "flag", "flag", "importance",
        "move", "move", "delete", "attachment", "createFolder", "renameFolder", "deleteFolder", "addRule", "updateRule", "removeRule",
    ];

    private readonly Lock _sync = new();
    private int _runs;

    /// <summary>Runs <paramref name="count"/> actions and returns how many of each kind took effect.</summary>
    public IReadOnlyDictionary<string, int> Run(int count, int? seed)
    {
        lock (_sync)
        {
            var random = new Random(seed ?? (options.Value.Seed + (++_runs * 7919)));
            var done = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var all = mailboxes.All;
            if (all.Count == 0)
            {
                return done;
            }

            for (var i = 0; i < count; i++)
            {
                var action = Actions[random.Next(Actions.Length)];
                var mailbox = all[random.Next(all.Count)];
                if (Perform(action, mailbox, random, all))
                {
                    done[action] = done.GetValueOrDefault(action) + 1;
                }
            }

            return done;
        }
    }

    private bool Perform(string action, Mailbox mailbox, Random random, IReadOnlyList<Mailbox> all) => action switch
    {
        "deliver" => Deliver(mailbox, random, all, attachments: 0),
        "attachment" => Deliver(mailbox, random, all, attachments: 1 + random.Next(3)),
        "read" => PickMessage(mailbox, random) is { } id && mail.Update(mailbox, id, m => m.IsRead = !m.IsRead),
        "flag" => PickMessage(mailbox, random) is { } id && mail.Update(mailbox, id, m => m.FlagStatus = m.FlagStatus == "flagged" ? "complete" : "flagged"),
        "importance" => PickMessage(mailbox, random) is { } id && mail.Update(mailbox, id, m => m.Importance = random.Next(3) switch { 0 => "low", 1 => "high", _ => "normal" }),
        "move" => PickMessage(mailbox, random) is { } id && mail.Move(mailbox, id, PickFolder(mailbox, random)) is not null,
        "delete" => PickMessage(mailbox, random) is { } id && mail.Delete(mailbox, id),
        "createFolder" => mail.CreateFolder(mailbox, $"Project {random.Next(1000):D3}") is not null,
        "renameFolder" => PickUserFolder(mailbox, random) is { } folderId && mail.RenameFolder(mailbox, folderId, $"Renamed {random.Next(1000):D3}"),
        "deleteFolder" => PickUserFolder(mailbox, random) is { } folderId && mail.DeleteFolder(mailbox, folderId),
        "addRule" => AddRule(mailbox, random),
        "updateRule" => PickRule(mailbox, random) is { } ruleId && mail.UpdateRule(mailbox, ruleId, r => r.IsEnabled = !r.IsEnabled),
        "removeRule" => PickRule(mailbox, random) is { } ruleId && mail.RemoveRule(mailbox, ruleId),
        _ => false,
    };

    private bool Deliver(Mailbox mailbox, Random random, IReadOnlyList<Mailbox> all, int attachments)
    {
        var sender = all[random.Next(all.Count)].Address;
        var external = $"partner{random.Next(50):D2}@external-{random.Next(5)}.example";
        var spec = new NewMessage(
            random.Next(4) == 0 ? external : sender,
            [mailbox.Address],
            random.Next(3) == 0 ? [all[random.Next(all.Count)].Address] : [],
            WellKnownFolders.Inbox,
            time.GetUtcNow(),
            Importance: random.Next(10) == 0 ? "high" : "normal",
            AttachmentCount: attachments);
        mail.Deliver(mailbox, spec);
        return true;
    }

    private bool AddRule(Mailbox mailbox, Random random)
    {
        var target = new Recipient("Forward Target", $"forward{random.Next(100):D2}@external-{random.Next(5)}.example");
        var kind = random.Next(3);
        mail.AddRule(mailbox, (id, sequence) => new MessageRule
        {
            Id = id,
            DisplayName = $"Rule {random.Next(1000):D3}",
            Sequence = sequence,
            SenderContains = [$"sender{random.Next(100):D2}"],
            ForwardTo = kind == 0 ? [target] : [],
            RedirectTo = kind == 1 ? [target] : [],
            ForwardAsAttachmentTo = kind == 2 ? [target] : [],
        });
        return true;
    }

    private static string? PickMessage(Mailbox mailbox, Random random)
    {
        lock (mailbox.Sync)
        {
            var count = mailbox.MessageCount;
            return count == 0 ? null : mailbox.Messages.OrderBy(m => m.ChangeSequence).ElementAt(random.Next(count)).Id;
        }
    }

    private static string PickFolder(Mailbox mailbox, Random random)
    {
        lock (mailbox.Sync)
        {
            var folders = mailbox.Folders.Where(f => !f.IsHidden).OrderBy(f => f.ChangeSequence).ToList();
            return folders[random.Next(folders.Count)].Id;
        }
    }

    private static string? PickUserFolder(Mailbox mailbox, Random random)
    {
        lock (mailbox.Sync)
        {
            var folders = mailbox.Folders.Where(f => f.WellKnownName is null).OrderBy(f => f.ChangeSequence).ToList();
            return folders.Count == 0 ? null : folders[random.Next(folders.Count)].Id;
        }
    }

    private static string? PickRule(Mailbox mailbox, Random random)
    {
        lock (mailbox.Sync)
        {
            var rules = mailbox.Rules.Where(r => !r.IsReadOnly).ToList();
            return rules.Count == 0 ? null : rules[random.Next(rules.Count)].Id;
        }
    }
}
