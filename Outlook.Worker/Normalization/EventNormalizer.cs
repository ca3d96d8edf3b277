using Outlook.Contracts;
using Outlook.Contracts.Events;

namespace Outlook.Worker.Normalization;

/// <summary>Turns one notification record into the event the TOTAL schema defines. Pure: no I/O.</summary>
internal static class EventNormalizer
{
    public static NormalizationResult Normalize(NormalizationInput input)
    {
        var record = input.Record;
        return record.Kind switch
        {
            RecordKinds.Message => NormalizationResult.Publish(MessageEventBuilder.Build(input)),
            RecordKinds.Folder => FolderEventBuilder.Build(input),
            RecordKinds.Rule => NormalizationResult.Publish(RuleEventBuilder.Build(input)),
            RecordKinds.Lifecycle => NormalizationResult.Skip("lifecycle records are handled by the subscription manager"),
            _ => throw new InvalidRecordException($"Unknown record kind '{record.Kind}'; expected message, folder, rule or lifecycle."),
        };
    }

    /// <summary>Returns the record's change type, which every non-lifecycle record must carry.</summary>
    public static string RequireChangeType(NotificationRecord record) =>
        record.ChangeType is { Length: > 0 } changeType
            ? changeType.ToLowerInvariant()
            : throw new InvalidRecordException($"The {record.Kind} record has no changeType.");

    /// <summary>Returns the Graph id of the changed item: the record's, else the resource data's, else the resource path's.</summary>
    public static string RequireResourceId(NotificationRecord record, string? idFromData) =>
        record.ResourceId is { Length: > 0 } id ? id
        : idFromData is { Length: > 0 } dataId ? dataId
        : ResourcePaths.LastSegmentId(record.Resource)
            ?? throw new InvalidRecordException($"The {record.Kind} record names no resource id (resource '{record.Resource}').");

    /// <summary>Creates the event envelope that every kind shares.</summary>
    public static NormalizedEvent Envelope(NormalizationInput input, string resourceId, DateTimeOffset timestamp, EventPayload payload, RawMetadata raw) => new()
    {
        EventId = EventIds.FromChangeKey(input.Record.ChangeKey),
        DomainId = input.Tenant.DomainId,
        Tuid = input.Owner.Tuid,
        Timestamp = Timestamps.Format(timestamp),
        Payload = payload,
        RawMetadata = raw,
        PlatformEventId = resourceId,
    };
}
