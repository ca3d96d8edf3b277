namespace Outlook.GraphEmulator.Mail;

/// <summary>One message in an emulated mailbox, with the Graph properties the emulator serves.</summary>
public sealed class EmulatedMessage
{
    public required string Id { get; set; }

    public required string FolderId { get; set; }

    public required string InternetMessageId { get; init; }

    public required string ConversationId { get; init; }

    public required DateTimeOffset CreatedDateTime { get; init; }

    public required DateTimeOffset ReceivedDateTime { get; init; }

    public required DateTimeOffset SentDateTime { get; init; }

    public DateTimeOffset LastModifiedDateTime { get; set; }

    /// <summary>Subject carrying a canary string that the connector must never store.</summary>
    public required string Subject { get; init; }

    public required string BodyContent { get; init; }

    public required string BodyPreview { get; init; }

    public required Recipient From { get; init; }

    public IReadOnlyList<Recipient> ToRecipients { get; init; } = [];

    public IReadOnlyList<Recipient> CcRecipients { get; init; } = [];

    public IReadOnlyList<Recipient> BccRecipients { get; init; } = [];

    public List<string> AttachmentNames { get; init; } = [];

    public List<string> Categories { get; init; } = [];

    public string Importance { get; set; } = "normal";

    public bool IsRead { get; set; }

    public bool IsDraft { get; init; }

    public string FlagStatus { get; set; } = "notFlagged";

    public string InferenceClassification { get; set; } = "focused";

    /// <summary>Exchange change key; replaced on every modification.</summary>
    public string ChangeKey { get; set; } = "";

    /// <summary>Mailbox change sequence number of the last modification, which orders delta results.</summary>
    public long ChangeSequence { get; set; }

    public string ETag => $"W/\"{ChangeKey}\"";

    public bool HasAttachments => AttachmentNames.Count > 0;

    /// <summary>Creates a copy whose later changes do not affect this one, for notifications built after the change.</summary>
    public EmulatedMessage Snapshot()
    {
        var copy = this;
        return new EmulatedMessage
        {
            Id = copy.Id,
            FolderId = copy.FolderId,
            InternetMessageId = copy.InternetMessageId,
            ConversationId = copy.ConversationId,
            CreatedDateTime = copy.CreatedDateTime,
            ReceivedDateTime = copy.ReceivedDateTime,
            SentDateTime = copy.SentDateTime,
            LastModifiedDateTime = copy.LastModifiedDateTime,
            Subject = copy.Subject,
            BodyContent = copy.BodyContent,
            BodyPreview = copy.BodyPreview,
            From = copy.From,
            ToRecipients = copy.ToRecipients,
            CcRecipients = copy.CcRecipients,
            BccRecipients = copy.BccRecipients,
            AttachmentNames = [.. copy.AttachmentNames],
            Categories = [.. copy.Categories],
            Importance = copy.Importance,
            IsRead = copy.IsRead,
            IsDraft = copy.IsDraft,
            FlagStatus = copy.FlagStatus,
            InferenceClassification = copy.InferenceClassification,
            ChangeKey = copy.ChangeKey,
            ChangeSequence = copy.ChangeSequence,
        };
    }
}
