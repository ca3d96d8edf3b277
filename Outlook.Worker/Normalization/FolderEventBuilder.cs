using System.Text.Json;
using Outlook.Contracts.Events;

namespace Outlook.Worker.Normalization;

/// <summary>
/// Builds folder events from folder delta records, whose resource data is the folder's id,
/// displayName, parentFolderId and, on an update whose old name the subscription manager knew,
/// previousDisplayName.
/// </summary>
internal static class FolderEventBuilder
{
    public static NormalizationResult Build(NormalizationInput input)
    {
        var record = input.Record;
        var changeType = EventNormalizer.RequireChangeType(record);
        var data = record.ResourceData is { ValueKind: JsonValueKind.Object } element ? element : default;
        var name = Text(data, "displayName");
        var previousName = Text(data, "previousDisplayName");
        var resourceId = EventNormalizer.RequireResourceId(record, Text(data, "id"));

        var action = changeType switch
        {
            "created" => EventActions.FolderCreated,
            "deleted" => EventActions.FolderDeleted,
            "updated" when previousName is not null && previousName == name => null,
            // An update with an unknown old name may be a rename or a move. Reporting it as a
            // rename keeps a possible rename visible rather than dropping it.
            "updated" => EventActions.FolderRenamed,
            _ => throw new InvalidRecordException($"Unknown changeType '{changeType}' on a folder record; expected created, updated or deleted."),
        };
        if (action is null)
        {
            return NormalizationResult.Skip("folder update that did not change the folder's name");
        }

        var payload = new EventPayload { EventId = resourceId, User = input.Owner.Address, Action = action };
        var raw = new RawMetadata
        {
            PlatformEventId = resourceId,
            ChangeType = changeType,
            FolderName = name,
            PreviousFolderName = previousName,
            ParentFolderId = Text(data, "parentFolderId"),
        };
        return NormalizationResult.Publish(EventNormalizer.Envelope(input, resourceId, record.ReceivedAt, payload, raw));
    }

    private static string? Text(JsonElement data, string name) =>
        MessageMetadataReader.TryGetProperty(data, name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
