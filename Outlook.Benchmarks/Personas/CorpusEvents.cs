using System.IO.Compression;
using System.Text.Json;
using Outlook.Worker.Personas.Events;

namespace Outlook.Benchmarks.Personas;

/// <summary>
/// Converts the replay corpus into normalised events, one stream per mailbox owner. A message is
/// email_sent when it is filed in a sent folder or its sender is the owner, else email_received.
/// The same message filed in several folders becomes one event.
/// </summary>
internal static class CorpusEvents
{
    public const string DomainId = "enron-eval";
    public const string InternalDomain = "enron.com";

    /// <summary>The corpus has a few wrong dates (1979, 2044); events outside these years are dropped.</summary>
    private static readonly DateTimeOffset Earliest = new(1998, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2003, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, List<PersonaEvent>> Load(string corpusPath)
    {
        var byKey = new Dictionary<string, PersonaEvent>(StringComparer.Ordinal);
        foreach (var message in Read(corpusPath))
        {
            if (message.Owner is null || message.Date < Earliest || message.Date >= Latest)
            {
                continue;
            }

            var evt = ToEvent(message);
            var key = string.Join('|', message.Mailbox, message.Date.UtcTicks, message.From, string.Join(',', message.To ?? []), string.Join(',', message.Cc ?? []));
            if (!byKey.TryGetValue(key, out var existing) || (existing.Payload!.Action != EventActions.EmailSent && evt.Payload!.Action == EventActions.EmailSent))
            {
                byKey[key] = evt;
            }
        }

        return byKey.Values
            .GroupBy(evt => evt.Tuid!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(evt => evt.Timestamp).ToList(), StringComparer.Ordinal);
    }

    public static string TuidOf(string mailbox) => "tuid-" + mailbox;

    public static string? DomainOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at < 0 ? null : address![(at + 1)..].Trim().ToLowerInvariant();
    }

    public static bool IsInternal(string? domain) =>
        domain is not null && (domain == InternalDomain || domain.EndsWith("." + InternalDomain, StringComparison.Ordinal));

    private static IEnumerable<CorpusMessage> Read(string corpusPath)
    {
        using var file = File.OpenRead(corpusPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && JsonSerializer.Deserialize(line, CorpusJsonContext.Default.CorpusMessage) is { } message)
            {
                yield return message;
            }
        }
    }

    private static PersonaEvent ToEvent(CorpusMessage message)
    {
        var isSent = message.Folder.Contains("sent", StringComparison.OrdinalIgnoreCase)
            || string.Equals(message.From, message.Owner, StringComparison.OrdinalIgnoreCase);
        var fromDomain = DomainOf(message.From);
        return new PersonaEvent
        {
            EventId = message.MessageId,
            DomainId = DomainId,
            Tuid = TuidOf(message.Mailbox),
            Timestamp = message.Date,
            Payload = new PersonaEventPayload
            {
                User = message.Owner,
                Action = isSent ? EventActions.EmailSent : EventActions.EmailReceived,
                FromDomain = fromDomain,
                IsExternalSender = !IsInternal(fromDomain),
                RecipientCount = (message.To?.Count ?? 0) + (message.Cc?.Count ?? 0),
                ToDomains = Domains(message.To),
                CcDomains = Domains(message.Cc),
                HasAttachments = false,
            },
            RawMetadata = new PersonaRawMetadata { FromAddress = message.From },
        };
    }

    private static List<string> Domains(IReadOnlyList<string>? addresses) =>
        [.. (addresses ?? []).Select(DomainOf).OfType<string>().Distinct(StringComparer.Ordinal)];
}
