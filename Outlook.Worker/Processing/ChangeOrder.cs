using System.Text.Json;
using Outlook.Contracts;
using Outlook.Worker.Normalization;

namespace Outlook.Worker.Processing;

/// <summary>
/// Puts one mailbox's prepared records into the order their messages changed, by the message's
/// lastModifiedDateTime. Graph promises no delivery order, so a notification may arrive after a
/// later change of the same mailbox. This restores change order within the records read
/// together. Records read in different batches keep their partition order.
/// </summary>
/// <remarks>
/// Records without a change time (deletions, lifecycle, folder and rule records, failed records)
/// keep their positions, and the timed records are sorted among the positions they hold. The
/// sort is stable, so equal times keep their offset order: Graph writes lastModifiedDateTime to
/// whole seconds, and ties within a second are common.
/// </remarks>
internal static class ChangeOrder
{
    public static PreparedRecord[] Sort(PreparedRecord[] records)
    {
        var timed = new List<(int Position, DateTimeOffset ChangedAt)>();
        for (var position = 0; position < records.Length; position++)
        {
            if (ChangeTimeOf(records[position]) is { } changedAt)
            {
                timed.Add((position, changedAt));
            }
        }

        var sorted = records.ToArray();
        var byTime = timed.OrderBy(entry => entry.ChangedAt).ToList();
        for (var index = 0; index < timed.Count; index++)
        {
            sorted[timed[index].Position] = records[byTime[index].Position];
        }

        return sorted;
    }

    /// <summary>Returns the message's lastModifiedDateTime from the fetched metadata or the record's resource data, or null.</summary>
    private static DateTimeOffset? ChangeTimeOf(PreparedRecord prepared)
    {
        if (prepared.Input is not { } input || input.Record.Kind != RecordKinds.Message)
        {
            return null;
        }

        if (input.FetchedMetadata?.LastModifiedDateTime is { } fetched)
        {
            return fetched;
        }

        return input.Record.ResourceData is { ValueKind: JsonValueKind.Object } data
            ? MessageMetadataReader.Read(data).LastModifiedDateTime
            : null;
    }
}
