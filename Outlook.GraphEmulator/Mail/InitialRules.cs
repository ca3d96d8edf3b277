namespace Outlook.GraphEmulator.Mail;

/// <summary>
/// Gives each new mailbox a deterministic set of inbox rules: a common filing rule, and in some
/// mailboxes forwarding to outside addresses or a read-only rule the API cannot show.
/// </summary>
public static class InitialRules
{
    public static void Seed(Mailbox mailbox)
    {
        var random = new Random(mailbox.Seed ^ StableHash(mailbox.MailboxName));
        var sequence = 0;
        if (random.NextDouble() < 0.5)
        {
            Add(mailbox, new MessageRule
            {
                Id = mailbox.NextItemId("AQAAAJ"),
                DisplayName = "File newsletters",
                Sequence = ++sequence,
                SenderContains = ["newsletter"],
                MoveToFolder = mailbox.FindFolder(WellKnownFolders.Archive)!.Id,
                StopProcessingRules = true,
            });
        }

        var roll = random.NextDouble();
        var outside = new Recipient("External Copy", $"{mailbox.MailboxName}.copy@external-mail.example");
        if (roll < 0.15)
        {
            Add(mailbox, new MessageRule { Id = mailbox.NextItemId("AQAAAJ"), DisplayName = "Copy to home", Sequence = ++sequence, ForwardTo = [outside] });
        }
        else if (roll < 0.20)
        {
            Add(mailbox, new MessageRule { Id = mailbox.NextItemId("AQAAAJ"), DisplayName = "Redirect", Sequence = ++sequence, RedirectTo = [outside] });
        }
        else if (roll < 0.25)
        {
            Add(mailbox, new MessageRule { Id = mailbox.NextItemId("AQAAAJ"), DisplayName = "Archive copy", Sequence = ++sequence, ForwardAsAttachmentTo = [outside] });
        }

        if (random.NextDouble() < 0.1)
        {
            Add(mailbox, new MessageRule { Id = mailbox.NextItemId("AQAAAJ"), DisplayName = "", Sequence = ++sequence, IsReadOnly = true });
        }
    }

    private static void Add(Mailbox mailbox, MessageRule rule) => mailbox.AddRule(rule);

    /// <summary>Returns a hash that is the same in every process, unlike string.GetHashCode.</summary>
    private static int StableHash(string value)
    {
        var hash = 17;
        foreach (var character in value)
        {
            hash = unchecked((hash * 31) + character);
        }

        return hash;
    }
}
