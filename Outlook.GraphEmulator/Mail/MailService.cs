using Outlook.GraphEmulator.Faults;
using Outlook.GraphEmulator.Notifications;

namespace Outlook.GraphEmulator.Mail;

/// <summary>
/// Every change to a mailbox goes through here: it is applied under the mailbox lock, and the
/// resulting message changes are published to subscriptions after the lock is released.
/// </summary>
public sealed class MailService(MailboxStore mailboxes, NotificationRouter router, FaultState faults, TimeProvider time)
{
    private long _canaryCounter;

    /// <summary>Delivers a new message and returns a snapshot of it.</summary>
    public EmulatedMessage Deliver(Mailbox mailbox, NewMessage spec)
    {
        var canary = $"{mailbox.MailboxName}-{Interlocked.Increment(ref _canaryCounter):x8}";
        return Apply(mailbox, () =>
        {
            var message = mailbox.AddMessage(spec, canary, time.GetUtcNow());
            return [new MessageChange(mailbox.UserId, ChangeTypes.Created, message.Snapshot())];
        })[0].Message;
    }

    /// <summary>Applies a modification to one message; returns false when the message does not exist.</summary>
    public bool Update(Mailbox mailbox, string messageId, Action<EmulatedMessage> modify) =>
        Apply(mailbox, () =>
        {
            if (mailbox.FindMessage(messageId) is not { } message)
            {
                return [];
            }

            modify(message);
            mailbox.Touch(message, time.GetUtcNow());
            return [new MessageChange(mailbox.UserId, ChangeTypes.Updated, message.Snapshot())];
        }).Count > 0;

    /// <summary>Moves a message and returns its id afterwards (new when ids change on move), or null when it does not exist.</summary>
    public string? Move(Mailbox mailbox, string messageId, string folderAliasOrName)
    {
        var changes = Apply(mailbox, () =>
        {
            if (mailbox.FindMessage(messageId) is not { } message)
            {
                return [];
            }

            var target = mailbox.FolderForName(folderAliasOrName);
            var previousFolderId = message.FolderId;
            if (target.Id == previousFolderId)
            {
                return [];
            }

            var before = message.Snapshot();
            var changeId = faults.Switches.IdChangeOnMove;
            mailbox.Move(message, target, changeId, time.GetUtcNow());
            if (!changeId)
            {
                return [new MessageChange(mailbox.UserId, ChangeTypes.Updated, message.Snapshot(), previousFolderId)];
            }

            // A new id makes the move a deletion of the old item and a creation of the new one.
            return
            [
                new MessageChange(mailbox.UserId, ChangeTypes.Deleted, before),
                new MessageChange(mailbox.UserId, ChangeTypes.Created, message.Snapshot()),
            ];
        });
        return changes.Count > 0 ? changes[^1].Message.Id : mailbox.FindMessage(messageId)?.Id;
    }

    public bool Delete(Mailbox mailbox, string messageId) =>
        Apply(mailbox, () =>
        {
            if (mailbox.FindMessage(messageId) is not { } message)
            {
                return [];
            }

            mailbox.Delete(message);
            return [new MessageChange(mailbox.UserId, ChangeTypes.Deleted, message.Snapshot())];
        }).Count > 0;

    public MailFolder CreateFolder(Mailbox mailbox, string displayName)
    {
        lock (mailbox.Sync)
        {
            return mailbox.CreateFolder(displayName, mailbox.RootFolderId);
        }
    }

    public bool RenameFolder(Mailbox mailbox, string folderId, string displayName)
    {
        lock (mailbox.Sync)
        {
            if (mailbox.FindFolder(folderId) is not { WellKnownName: null } folder)
            {
                return false;
            }

            mailbox.RenameFolder(folder, displayName);
            return true;
        }
    }

    /// <summary>Deletes a user folder; its messages are deleted with it and notified as such.</summary>
    public bool DeleteFolder(Mailbox mailbox, string folderId)
    {
        var found = false;
        Apply(mailbox, () =>
        {
            if (mailbox.FindFolder(folderId) is not { WellKnownName: null } folder)
            {
                return [];
            }

            found = true;
            return [.. mailbox.DeleteFolder(folder).Select(m => new MessageChange(mailbox.UserId, ChangeTypes.Deleted, m.Snapshot()))];
        });
        return found;
    }

    public MessageRule AddRule(Mailbox mailbox, Func<string, int, MessageRule> create)
    {
        lock (mailbox.Sync)
        {
            var id = mailbox.NextItemId("AQAAAJ");
            return mailbox.AddRule(create(id, mailbox.Rules.Count + 1));
        }
    }

    public bool UpdateRule(Mailbox mailbox, string ruleId, Action<MessageRule> modify)
    {
        lock (mailbox.Sync)
        {
            if (mailbox.FindRule(ruleId) is not { IsReadOnly: false } rule)
            {
                return false;
            }

            modify(rule);
            return true;
        }
    }

    public bool RemoveRule(Mailbox mailbox, string ruleId)
    {
        lock (mailbox.Sync)
        {
            return mailbox.RemoveRule(ruleId);
        }
    }

    public Mailbox? Find(string idOrAddress) => mailboxes.Find(idOrAddress);

    private List<MessageChange> Apply(Mailbox mailbox, Func<List<MessageChange>> change)
    {
        List<MessageChange> changes;
        lock (mailbox.Sync)
        {
            changes = change();
        }

        router.Publish(changes);
        return changes;
    }
}
