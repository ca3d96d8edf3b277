namespace Outlook.Worker.Normalization;

/// <summary>A mail address as Graph's emailAddress resource carries it.</summary>
internal sealed record MailAddress(string? Name, string? Address);

/// <summary>
/// The allow-listed metadata of one message: the only message fields the worker keeps. It is
/// built from a notification's resource data or from a Graph fetch. Subject, body, preview and
/// attachments have no member here, so they cannot reach an event.
/// </summary>
internal sealed record MessageMetadata
{
    public string? Id { get; init; }
    public DateTimeOffset? CreatedDateTime { get; init; }
    public DateTimeOffset? LastModifiedDateTime { get; init; }
    public DateTimeOffset? ReceivedDateTime { get; init; }
    public DateTimeOffset? SentDateTime { get; init; }
    public bool? HasAttachments { get; init; }
    public string? Importance { get; init; }
    public bool? IsRead { get; init; }
    public bool? IsDraft { get; init; }
    public string? InternetMessageId { get; init; }
    public string? ConversationId { get; init; }
    public string? ParentFolderId { get; init; }
    public MailAddress? From { get; init; }
    public MailAddress? Sender { get; init; }
    public IReadOnlyList<MailAddress>? ToRecipients { get; init; }
    public IReadOnlyList<MailAddress>? CcRecipients { get; init; }
    public IReadOnlyList<MailAddress>? BccRecipients { get; init; }
    public IReadOnlyList<MailAddress>? ReplyTo { get; init; }
    public string? FlagStatus { get; init; }
    public int? CategoriesCount { get; init; }
    public string? InferenceClassification { get; init; }

    /// <summary>The reason of a delta page's @removed annotation, when the item was removed.</summary>
    public string? RemovedReason { get; init; }

    /// <summary>True when any metadata beyond ids is present, so no Graph fetch is needed.</summary>
    public bool HasContent =>
        CreatedDateTime is not null || LastModifiedDateTime is not null || ReceivedDateTime is not null
        || SentDateTime is not null || HasAttachments is not null || Importance is not null || IsRead is not null
        || IsDraft is not null || InternetMessageId is not null || ConversationId is not null
        || ParentFolderId is not null || From is not null || Sender is not null || ToRecipients is not null
        || CcRecipients is not null || FlagStatus is not null;
}
