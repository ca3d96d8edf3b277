using System.Security.Cryptography;
using System.Text;
using Outlook.GraphEmulator.Identity;

namespace Outlook.GraphEmulator.Mail;

/// <summary>
/// One user's mailbox: folders, messages, inbox rules and the removals delta still has to report.
/// Every read and write happens under <see cref="Sync"/>; each write takes the next value of the
/// mailbox's change sequence, which delta tokens record.
/// </summary>
public sealed class Mailbox
{
    private readonly Dictionary<string, EmulatedMessage> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MailFolder> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Tombstone> _tombstones = [];
    private readonly List<MessageRule> _rules = [];
    private long _sequence;
    private long _itemCounter;

    public Mailbox(string mailboxName, string address, int seed)
    {
        MailboxName = mailboxName;
        Address = address;
        Seed = seed;
        UserId = DeterministicIds.NameBasedGuid("mailbox", mailboxName).ToString();
        RootFolderId = NextItemId("AAMkAF");
        foreach (var (alias, displayName) in WellKnownFolders.Standard)
        {
            AddFolder(displayName, RootFolderId, alias);
        }
    }

    public Lock Sync { get; } = new();

    public string UserId { get; }

    public string MailboxName { get; }

    public string Address { get; }

    public string DisplayName => Recipient.FromAddress(Address).Name;

    public int Seed { get; }

    public string RootFolderId { get; }

    public long CurrentSequence => _sequence;

    public IEnumerable<EmulatedMessage> Messages => _messages.Values;

    public IEnumerable<MailFolder> Folders => _folders.Values;

    public IReadOnlyList<MessageRule> Rules => _rules;

    public int MessageCount => _messages.Count;

    public MailFolder? FindFolder(string idOrAlias)
    {
        if (_aliases.TryGetValue(idOrAlias, out var id))
        {
            idOrAlias = id;
        }

        return _folders.GetValueOrDefault(idOrAlias);
    }

    /// <summary>Returns the folder with this display name, creating it under the root when it does not exist.</summary>
    public MailFolder FolderForName(string aliasOrDisplayName)
    {
        var folder = FindFolder(aliasOrDisplayName)
            ?? _folders.Values.FirstOrDefault(f => string.Equals(f.DisplayName, aliasOrDisplayName, StringComparison.OrdinalIgnoreCase));
        return folder ?? CreateFolder(aliasOrDisplayName, RootFolderId);
    }

    public EmulatedMessage? FindMessage(string id) => _messages.GetValueOrDefault(id);

    public IEnumerable<Tombstone> TombstonesAfter(long sequence) => _tombstones.Where(t => t.ChangeSequence > sequence);

    public MessageRule? FindRule(string id) => _rules.Find(r => r.Id == id);

    public int CountMessages(string folderId, bool unreadOnly) =>
        _messages.Values.Count(m => m.FolderId == folderId && (!unreadOnly || !m.IsRead));

    public EmulatedMessage AddMessage(NewMessage spec, string canaryToken, DateTimeOffset now)
    {
        var folder = FolderForName(spec.FolderAlias);
        var attachments = Enumerable.Range(1, spec.AttachmentCount)
            .Select(i => $"CANARY-ATTACHMENT-{canaryToken}-{i}.pdf")
            .ToList();
        var isSent = folder.WellKnownName == WellKnownFolders.SentItems;
        var message = new EmulatedMessage
        {
            Id = NextItemId("AAMkAG"),
            FolderId = folder.Id,
            InternetMessageId = spec.InternetMessageId ?? $"<{canaryToken}@emulator.invalid>",
            ConversationId = DeterministicIds.ItemId("AAQkAD", spec.InternetMessageId ?? canaryToken),
            CreatedDateTime = now,
            LastModifiedDateTime = now,
            ReceivedDateTime = isSent ? spec.SentDateTime : spec.SentDateTime.AddSeconds(2),
            SentDateTime = spec.SentDateTime,
            Subject = $"Re: status update CANARY-SUBJECT-{canaryToken}",
            BodyContent = $"<html><body>Please review. CANARY-BODY-{canaryToken}</body></html>",
            BodyPreview = $"Please review. CANARY-PREVIEW-{canaryToken}",
            From = Recipient.FromAddress(spec.From),
            ToRecipients = [.. spec.To.Select(Recipient.FromAddress)],
            CcRecipients = [.. spec.Cc.Select(Recipient.FromAddress)],
            AttachmentNames = attachments,
            Importance = spec.Importance,
            IsRead = spec.IsRead || isSent,
        };
        Touch(message, now);
        _messages.Add(message.Id, message);
        return message;
    }

    /// <summary>Records a modification: a new change key, a new change sequence and a new modification time.</summary>
    public void Touch(EmulatedMessage message, DateTimeOffset now)
    {
        message.ChangeSequence = ++_sequence;
        message.ChangeKey = NewChangeKey(message.Id);
        message.LastModifiedDateTime = now;
    }

    /// <summary>Moves a message, optionally giving it a new id as Exchange does for non-immutable ids; returns the old id.</summary>
    public string Move(EmulatedMessage message, MailFolder target, bool changeId, DateTimeOffset now)
    {
        var oldId = message.Id;
        _tombstones.Add(new Tombstone(++_sequence, oldId, message.FolderId, IsFolder: false));
        message.FolderId = target.Id;
        if (changeId)
        {
            _messages.Remove(oldId);
            message.Id = NextItemId("AAMkAG");
            _messages.Add(message.Id, message);
        }

        Touch(message, now);
        return oldId;
    }

    public void Delete(EmulatedMessage message)
    {
        _messages.Remove(message.Id);
        _tombstones.Add(new Tombstone(++_sequence, message.Id, message.FolderId, IsFolder: false));
    }

    public MailFolder CreateFolder(string displayName, string parentFolderId) =>
        AddFolder(displayName, parentFolderId, alias: null);

    public void RenameFolder(MailFolder folder, string displayName)
    {
        folder.DisplayName = displayName;
        folder.ChangeSequence = ++_sequence;
    }

    /// <summary>Deletes a user folder and returns the messages it contained, which are deleted with it.</summary>
    public IReadOnlyList<EmulatedMessage> DeleteFolder(MailFolder folder)
    {
        var contained = _messages.Values.Where(m => m.FolderId == folder.Id).ToList();
        foreach (var message in contained)
        {
            Delete(message);
        }

        _folders.Remove(folder.Id);
        _tombstones.Add(new Tombstone(++_sequence, folder.Id, folder.ParentFolderId, IsFolder: true));
        return contained;
    }

    public MessageRule AddRule(MessageRule rule)
    {
        _rules.Add(rule);
        return rule;
    }

    public bool RemoveRule(string id) => _rules.RemoveAll(r => r.Id == id) > 0;

    public string NextItemId(string prefix) => DeterministicIds.ItemId(prefix, $"{Seed}|{UserId}|{++_itemCounter}");

    /// <summary>Forgets removals older than every delta token that could still ask for them.</summary>
    public void ForgetTombstones() => _tombstones.Clear();

    private MailFolder AddFolder(string displayName, string parentFolderId, string? alias)
    {
        var folder = new MailFolder
        {
            Id = NextItemId("AAMkAF"),
            DisplayName = displayName,
            ParentFolderId = parentFolderId,
            WellKnownName = alias,
            ChangeSequence = ++_sequence,
        };
        _folders.Add(folder.Id, folder);
        if (alias is not null)
        {
            _aliases[alias] = folder.Id;
        }

        return folder;
    }

    private string NewChangeKey(string id)
    {
        // Exchange change keys are base64 with a fixed prefix; only their uniqueness matters here.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{UserId}|{id}|{_sequence}"));
        return "CQAAABYAAAA" + Convert.ToBase64String(hash.AsSpan(0, 15));
    }
}
