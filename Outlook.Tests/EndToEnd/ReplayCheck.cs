using System.Globalization;
using Outlook.Contracts;
using Outlook.Contracts.Events;

namespace Outlook.Tests.EndToEnd;

/// <summary>A mailbox as the emulator reports it: its Graph user id and owner address.</summary>
public sealed record EmulatedMailbox(string UserId, string Mailbox, string Address);

/// <summary>
/// Compares the message events on outlook.events with the corpus records the emulator replayed.
/// Lost: a record with no event. Duplicated: more than one distinct event id for one record
/// (copies with one event id are redeliveries a consumer removes by event id). Mismatched: an
/// event whose fields differ from its record. Unexpected: an event that matches no record.
/// </summary>
public sealed class ReplayCheck
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // Longest plausible time from sending to delivery.
    private static readonly TimeSpan MaxTransit = TimeSpan.FromMinutes(1);

    private ReplayCheck()
    {
    }

    public int Expected { get; private init; }

    public int Lost { get; private init; }

    public int Duplicated { get; private init; }

    /// <summary>Copies of an event with the same event id, before deduplication.</summary>
    public int Redelivered { get; private init; }

    public IReadOnlyList<string> LostSamples { get; private init; } = [];

    public IReadOnlyList<string> Mismatches { get; private init; } = [];

    public IReadOnlyList<string> Unexpected { get; private init; } = [];

    /// <summary>Folder and inbox-rule events seen; they are not mail and not checked here.</summary>
    public int FolderAndRuleEvents { get; private init; }

    /// <summary>Mailboxes whose events (first copy of each) came out in another order than the changes were made.</summary>
    public IReadOnlyList<string> OutOfOrder { get; private init; } = [];

    public override string ToString() =>
        $"expected {Expected}, lost {Lost}, duplicated {Duplicated}, redelivered copies {Redelivered}, mismatched {Mismatches.Count}, unexpected {Unexpected.Count}, out-of-order mailboxes {OutOfOrder.Count}, folder and rule events {FolderAndRuleEvents}";

    /// <summary>A few examples of each kind of finding, for a failure message.</summary>
    public string Details =>
        $"lost e.g. [{string.Join("; ", LostSamples.Take(5))}] mismatched e.g. [{string.Join("; ", Mismatches.Take(5))}] " +
        $"unexpected e.g. [{string.Join("; ", Unexpected.Take(5))}] out of order [{string.Join("; ", OutOfOrder.Take(5))}]";

    /// <summary>Checks <paramref name="expected"/> (in replay order) against every event read.</summary>
    public static ReplayCheck Run(
        ReplayCorpus corpus,
        IReadOnlyList<CorpusMessage> expected,
        IReadOnlyDictionary<string, EmulatedMailbox> mailboxes,
        string tenantId,
        IReadOnlyList<(TopicRecord Record, NormalizedEvent Event)> events)
    {
        var tuidOf = mailboxes.Values.ToDictionary(m => Tuids.Derive(tenantId, m.UserId), m => m.Mailbox, StringComparer.Ordinal);
        var position = new Dictionary<(string Mailbox, string MessageId), int>();
        for (var i = 0; i < expected.Count; i++)
        {
            position[(expected[i].Mailbox, expected[i].MessageId)] = i;
        }

        var byRecord = new Dictionary<int, List<NormalizedEvent>>();
        var unexpected = new List<string>();
        var copies = 0;
        var otherKinds = 0;
        var seenEventIds = new HashSet<string>(StringComparer.Ordinal);
        var orderByMailbox = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (record, normalized) in events)
        {
            if (!seenEventIds.Add(normalized.EventId))
            {
                copies++;
                continue;
            }

            var messageId = normalized.RawMetadata.InternetMessageId;
            if (!tuidOf.TryGetValue(normalized.Tuid, out var mailbox)
                || messageId is null
                || !position.TryGetValue((mailbox, messageId), out var index))
            {
                if (IsOutside(normalized, tuidOf, corpus))
                {
                    continue;
                }

                if (!IsMessageEvent(normalized))
                {
                    // Folder and inbox-rule events come from the subscription manager's snapshots
                    // of the seeded mailboxes, not from the replayed mail.
                    otherKinds++;
                    continue;
                }

                unexpected.Add($"{normalized.Payload.Action} tuid={normalized.Tuid} id={messageId} partition={record.Partition} offset={record.Offset}");
                continue;
            }

            if (!byRecord.TryGetValue(index, out var list))
            {
                byRecord[index] = list = [];
                (orderByMailbox.TryGetValue(mailbox, out var order) ? order : orderByMailbox[mailbox] = []).Add(index);
            }

            list.Add(normalized);
        }

        var mismatches = new List<string>();
        var lostSamples = new List<string>();
        var lost = 0;
        var duplicated = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var message = expected[i];
            if (!byRecord.TryGetValue(i, out var found))
            {
                lost++;
                if (lostSamples.Count < 10)
                {
                    lostSamples.Add($"{message.Mailbox} {message.MessageId} {message.Date:O}");
                }

                continue;
            }

            duplicated += found.Count - 1;
            foreach (var normalized in found)
            {
                mismatches.AddRange(Compare(corpus, message, mailboxes[message.Mailbox], normalized));
            }
        }

        var outOfOrder = orderByMailbox
            .Where(pair => !pair.Value.SequenceEqual(pair.Value.Order()))
            .Select(pair => $"{pair.Key}: {Inversions(pair.Value)} pairs out of order")
            .ToList();

        return new ReplayCheck
        {
            Expected = expected.Count,
            Lost = lost,
            Duplicated = duplicated,
            Redelivered = copies,
            LostSamples = lostSamples,
            Mismatches = mismatches,
            Unexpected = unexpected,
            OutOfOrder = outOfOrder,
            FolderAndRuleEvents = otherKinds,
        };
    }

    /// <summary>
    /// Events of corpus records outside the set being checked (an earlier or later phase of the
    /// same replay) are neither lost nor unexpected here.
    /// </summary>
    private static bool IsOutside(NormalizedEvent normalized, Dictionary<string, string> tuidOf, ReplayCorpus corpus) =>
        tuidOf.TryGetValue(normalized.Tuid, out var mailbox)
        && normalized.RawMetadata.InternetMessageId is { } messageId
        && corpus.Contains(mailbox, messageId)
        && normalized.Payload.Action is EventActions.EmailReceived or EventActions.EmailSent;

    private static bool IsMessageEvent(NormalizedEvent normalized) =>
        normalized.Payload.Action.StartsWith("email_", StringComparison.Ordinal)
        || normalized.Payload.Action.StartsWith("draft_", StringComparison.Ordinal);

    private static IEnumerable<string> Compare(ReplayCorpus corpus, CorpusMessage message, EmulatedMailbox mailbox, NormalizedEvent normalized)
    {
        var where = $"{message.Mailbox} {message.MessageId}";
        var action = corpus.IsSentByOwner(message) ? EventActions.EmailSent : EventActions.EmailReceived;
        var to = message.To ?? [];
        var cc = message.Cc ?? [];
        var raw = normalized.RawMetadata;
        var checks = new (string Field, string? Expected, string? Actual)[]
        {
            ("action", action, normalized.Payload.Action),
            ("user", mailbox.Address, normalized.Payload.User),
            ("sent_at", Format(message.Date), raw.SentAt),
            ("timestamp", ExpectedTimestamp(action, message, raw), normalized.Timestamp),
            ("from_address", message.From?.ToLowerInvariant(), raw.FromAddress?.ToLowerInvariant()),
            ("from_domain", DomainOf(message.From), normalized.Payload.FromDomain),
            ("to_count", to.Count.ToString(CultureInfo.InvariantCulture), raw.ToCount?.ToString(CultureInfo.InvariantCulture)),
            ("cc_count", cc.Count.ToString(CultureInfo.InvariantCulture), raw.CcCount?.ToString(CultureInfo.InvariantCulture)),
            ("recipient_count", (to.Count + cc.Count).ToString(CultureInfo.InvariantCulture), normalized.Payload.RecipientCount?.ToString(CultureInfo.InvariantCulture)),
            ("to_domains", Domains(to), Join(normalized.Payload.ToDomains)),
            ("cc_domains", Domains(cc), Join(normalized.Payload.CcDomains)),
        };
        foreach (var (field, expected, actual) in checks)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                yield return $"{where}: {field} expected '{expected}' but was '{actual}'";
            }
        }
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Returns the event time the record implies. The corpus date is the Date header, the send
    /// time, so a sent message's event carries it. A received message's event carries the
    /// delivery time, which the corpus lacks: it must be the received_at shown, no earlier than
    /// the send time and at most <see cref="MaxTransit"/> later.
    /// </summary>
    private static string? ExpectedTimestamp(string action, CorpusMessage message, RawMetadata raw)
    {
        if (action == EventActions.EmailSent)
        {
            return Format(message.Date);
        }

        return DateTimeOffset.TryParse(raw.ReceivedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var received)
            && received >= message.Date && received - message.Date <= MaxTransit
            ? raw.ReceivedAt
            : $"between {Format(message.Date)} and {Format(message.Date + MaxTransit)} (received_at {raw.ReceivedAt})";
    }

    private static string? DomainOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at >= 0 ? address![(at + 1)..].ToLowerInvariant() : null;
    }

    private static string Domains(IReadOnlyList<string> addresses) =>
        string.Join(",", addresses.Select(DomainOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string Join(IReadOnlyList<string>? domains) =>
        string.Join(",", (domains ?? []).Select(d => d.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static int Inversions(List<int> order)
    {
        var count = 0;
        for (var i = 1; i < order.Count; i++)
        {
            if (order[i] < order[i - 1])
            {
                count++;
            }
        }

        return count;
    }
}
