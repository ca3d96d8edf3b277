using Outlook.Contracts.Events;

namespace Outlook.Worker.Normalization;

/// <summary>The derived fields of one message (domains, counts, external sender) shared by the payload and raw metadata.</summary>
internal sealed class MessageParts
{
    private readonly MessageMetadata _metadata;
    private readonly string _action;
    private readonly string? _fromDomain;
    private readonly bool? _isExternal;
    private readonly List<string>? _toDomains;
    private readonly List<string>? _ccDomains;
    private readonly List<string>? _bccDomains;

    public MessageParts(MessageMetadata metadata, TenantDomains domains, string action)
    {
        _metadata = metadata;
        _action = action;
        _fromDomain = TenantDomains.DomainOf((metadata.From ?? metadata.Sender)?.Address);
        _isExternal = domains.IsExternal(_fromDomain);
        _toDomains = DomainsOf(metadata.ToRecipients);
        _ccDomains = DomainsOf(metadata.CcRecipients);
        _bccDomains = metadata.BccRecipients is { Count: > 0 } ? DomainsOf(metadata.BccRecipients) : null;
    }

    /// <summary>To plus cc, plus bcc when Graph shows any (only on mail the owner sent or drafted); null when no recipient list is known.</summary>
    private int? RecipientCount =>
        _metadata.ToRecipients is null && _metadata.CcRecipients is null
            ? null
            : (_metadata.ToRecipients?.Count ?? 0) + (_metadata.CcRecipients?.Count ?? 0) + (_metadata.BccRecipients?.Count ?? 0);

    public EventPayload Payload(string resourceId, string owner) => new()
    {
        EventId = resourceId,
        User = owner,
        Action = _action,
        FromDomain = _fromDomain,
        IsExternalSender = _isExternal,
        RecipientCount = RecipientCount,
        ToDomains = _toDomains,
        CcDomains = _ccDomains,
        HasAttachments = _metadata.HasAttachments,
        Importance = _metadata.Importance,
        IsRead = _metadata.IsRead,
        ConversationId = _metadata.ConversationId,
    };

    public RawMetadata Raw(string resourceId, string changeType) => new()
    {
        PlatformEventId = resourceId,
        ChangeType = changeType,
        FromAddress = _metadata.From?.Address,
        FromName = _metadata.From?.Name,
        ToCount = _metadata.ToRecipients?.Count,
        CcCount = _metadata.CcRecipients?.Count,
        ToDomains = _toDomains,
        CcDomains = _ccDomains,
        FromDomain = _fromDomain,
        IsExternal = _isExternal,
        HasAttachments = _metadata.HasAttachments,
        Importance = _metadata.Importance,
        IsRead = _metadata.IsRead,
        IsDraft = _metadata.IsDraft,
        InternetMessageId = _metadata.InternetMessageId,
        ConversationId = _metadata.ConversationId,
        FlagStatus = _metadata.FlagStatus,
        ReceivedAt = Timestamps.Format(_metadata.ReceivedDateTime),
        SentAt = Timestamps.Format(_metadata.SentDateTime),
        CreatedAt = Timestamps.Format(_metadata.CreatedDateTime),
        LastModifiedAt = Timestamps.Format(_metadata.LastModifiedDateTime),
        BccCount = _bccDomains is null ? null : _metadata.BccRecipients?.Count,
        BccDomains = _bccDomains,
        SenderAddress = SenderIfDifferent(),
        ReplyToDomains = _metadata.ReplyTo is { Count: > 0 } ? DomainsOf(_metadata.ReplyTo) : null,
        ParentFolderId = _metadata.ParentFolderId,
        InferenceClassification = _metadata.InferenceClassification,
        CategoriesCount = _metadata.CategoriesCount is > 0 ? _metadata.CategoriesCount : null,
        RemovedReason = _metadata.RemovedReason,
    };

    private string? SenderIfDifferent() =>
        _metadata.Sender?.Address is { } sender
        && !string.Equals(sender, _metadata.From?.Address, StringComparison.OrdinalIgnoreCase)
            ? sender
            : null;

    private static List<string>? DomainsOf(IReadOnlyList<MailAddress>? recipients) =>
        recipients is null ? null : TenantDomains.DistinctDomains(recipients.Select(recipient => recipient.Address));
}
