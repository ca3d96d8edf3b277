using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Replay;

/// <summary>
/// The replay corpus, loaded once: records in date order, with dates outside the corpus' real
/// span skipped, and the mailboxes it contains.
/// </summary>
public sealed class Corpus
{
    // The corpus covers 1998 to 2002; a few headers carry dates such as 1979 or 2044.
    private static readonly DateTimeOffset Earliest = new(1997, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2003, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lazy<CorpusContent> _content;

    public Corpus(IOptions<EmulatorOptions> options, ILogger<Corpus> logger)
    {
        _content = new Lazy<CorpusContent>(() => Load(options.Value, logger));
    }

    /// <summary>Records to replay, ordered by date (ties by mailbox, then file order).</summary>
    public IReadOnlyList<CorpusRecord> Records => _content.Value.Records;

    /// <summary>Mailbox names with their owner address (null when the corpus could not derive one).</summary>
    public IReadOnlyList<(string Mailbox, string? Owner)> Mailboxes => _content.Value.Mailboxes;

    /// <summary>Records skipped because their date lies outside the corpus' real span.</summary>
    public int SkippedRecords => _content.Value.Skipped;

    private static CorpusContent Load(EmulatorOptions options, ILogger logger)
    {
        if (string.IsNullOrEmpty(options.CorpusPath))
        {
            return new CorpusContent([], [], 0);
        }

        var all = Read(options.CorpusPath);
        var mailboxes = all
            .GroupBy(r => r.Mailbox, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(r => r.Owner).FirstOrDefault(o => o is not null)))
            .ToList();
        if (options.MaxMailboxes > 0)
        {
            mailboxes = [.. mailboxes.Take(options.MaxMailboxes)];
        }

        var kept = mailboxes.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var inRange = all.Where(r => r.Date >= Earliest && r.Date < Latest).ToList();
        var records = inRange
            .Where(r => kept.Contains(r.Mailbox))
            .Select((r, index) => (r, index))
            .OrderBy(p => p.r.Date)
            .ThenBy(p => p.index)
            .Select(p => p.r)
            .ToList();
        CorpusLog.Loaded(logger, records.Count, mailboxes.Count, all.Count - inRange.Count);
        return new CorpusContent(records, mailboxes, all.Count - inRange.Count);
    }

    private static List<CorpusRecord> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var records = new List<CorpusRecord>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var record = JsonSerializer.Deserialize<CorpusRecord>(line)
                ?? throw new InvalidDataException($"Corpus '{path}' line {lineNumber} is null.");
            records.Add(record);
        }

        return records;
    }

    private sealed record CorpusContent(
        IReadOnlyList<CorpusRecord> Records,
        IReadOnlyList<(string Mailbox, string? Owner)> Mailboxes,
        int Skipped);
}

internal static partial class CorpusLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded corpus: {RecordCount} records to replay from {MailboxCount} mailboxes, {SkippedCount} with impossible dates skipped")]
    public static partial void Loaded(ILogger logger, int recordCount, int mailboxCount, int skippedCount);
}
