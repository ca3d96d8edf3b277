using Outlook.Contracts.Events;

namespace Outlook.Worker.Normalization;

/// <summary>Builds message events; see <see cref="MessageActions"/> for how the action is chosen.</summary>
internal static class MessageEventBuilder
{
    public static NormalizedEvent Build(NormalizationInput input)
    {
        var record = input.Record;
        var changeType = EventNormalizer.RequireChangeType(record);
        var metadata = input.FetchedMetadata
            ?? (record.ResourceData is { } data ? MessageMetadataReader.Read(data) : new MessageMetadata());
        var resourceId = EventNormalizer.RequireResourceId(record, metadata.Id);

        var action = MessageActions.Resolve(changeType, metadata, input.Owner.MailAddress, input.PreviousState);
        var timestamp = action switch
        {
            EventActions.EmailReceived => metadata.ReceivedDateTime,
            EventActions.EmailSent => metadata.SentDateTime,
            _ => metadata.LastModifiedDateTime,
        } ?? record.ReceivedAt;

        var parts = new MessageParts(metadata, input.Tenant.Domains, action);
        var payload = parts.Payload(resourceId, input.Owner.Address);
        var raw = parts.Raw(resourceId, changeType) with
        {
            Enriched = input.NotFound ? false : null,
            PreviousParentFolderId = action == EventActions.EmailMoved ? input.PreviousState?.ParentFolderId : null,
        };
        return EventNormalizer.Envelope(input, resourceId, timestamp, payload, raw);
    }
}
