using System.IO.Compression;
using System.Text.Json;
using Outlook.Tests.Common;

namespace Outlook.Tests.EndToEnd;

/// <summary>
/// A fixed slice of the repository's corpus, written to a file the emulator replays: the first
/// <see cref="MailboxCount"/> mailboxes with enough mail, the earliest messages of each. The
/// records kept here are the ground truth every end-to-end check compares events with.
/// </summary>
public sealed class ReplayCorpus : IDisposable
{
    public const int MailboxCount = 24;
    public const int MessagesPerMailbox = 90;

    // The emulator skips dates outside the corpus' real span; so does the slice.
    private static readonly DateTimeOffset Earliest = new(1997, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2003, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _directory;
    private readonly Dictionary<string, string> _owners;
    private readonly HashSet<(string, string)> _ids;

    private ReplayCorpus(string directory, string path, IReadOnlyList<CorpusMessage> messages)
    {
        _directory = directory;
        Path = path;
        Messages = messages;
        Mailboxes = [.. messages.Select(m => m.Mailbox).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _ids = [.. messages.Select(m => (m.Mailbox, m.MessageId))];
        _owners = messages
            .GroupBy(m => m.Mailbox, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Owner).FirstOrDefault(o => o is not null) ?? $"{g.Key}@enron.com", StringComparer.Ordinal);
    }

    /// <summary>The gzip JSON-lines file handed to the emulator.</summary>
    public string Path { get; }

    /// <summary>The records in the order the emulator replays them: by date, ties in file order.</summary>
    public IReadOnlyList<CorpusMessage> Messages { get; }

    public IReadOnlyList<string> Mailboxes { get; }

    public bool Contains(string mailbox, string messageId) => _ids.Contains((mailbox, messageId));

    /// <summary>The corpus span in seconds, to pick a replay speed that takes a known real time.</summary>
    public double SpanSeconds => (Messages[^1].Date - Messages[0].Date).TotalSeconds;

    /// <summary>The owner address the emulator gives a mailbox: the corpus owner, else one made from its name.</summary>
    public string AddressOf(string mailbox) => _owners[mailbox];

    /// <summary>Whether the owner sent the message: the record's sender is the mailbox owner, as Graph reads it.</summary>
    public bool IsSentByOwner(CorpusMessage message) =>
        string.Equals(message.From, AddressOf(message.Mailbox), StringComparison.OrdinalIgnoreCase);

    public static ReplayCorpus Create()
    {
        var source = System.IO.Path.Combine(RepositoryPaths.Root, "data", "enron-mail-metadata.jsonl.gz");
        var all = Read(source).Where(r => r.Date >= Earliest && r.Date < Latest).ToList();

        // Only mailboxes with a known owner: without one, the emulator invents an address that
        // no record's sender matches, so the direction of mail could not be told from the corpus.
        // A message id that appears twice in one mailbox (copies in two folders) would make the
        // match between event and record ambiguous, so the slice keeps mailboxes' unique ids only.
        var slice = all
            .GroupBy(r => r.Mailbox, StringComparer.Ordinal)
            .Where(g => g.Any(r => r.Owner is not null))
            .Select(g => g
                .GroupBy(r => r.MessageId, StringComparer.Ordinal)
                .Where(ids => ids.Count() == 1)
                .Select(ids => ids.Single())
                .OrderBy(r => r.Date)
                .Take(MessagesPerMailbox)
                .ToList())
            .Where(messages => messages.Count == MessagesPerMailbox)
            .OrderBy(messages => messages[0].Mailbox, StringComparer.Ordinal)
            .Take(MailboxCount)
            .SelectMany(messages => messages)
            .ToList();

        var directory = Directory.CreateTempSubdirectory("outlook-e2e-corpus-").FullName;
        var path = System.IO.Path.Combine(directory, "replay.jsonl.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            foreach (var record in slice)
            {
                writer.WriteLine(JsonSerializer.Serialize(record));
            }
        }

        var ordered = slice.Select((r, index) => (r, index)).OrderBy(p => p.r.Date).ThenBy(p => p.index).Select(p => p.r).ToList();
        return new ReplayCorpus(directory, path, ordered);
    }

    private static List<CorpusMessage> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var records = new List<CorpusMessage>();
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                records.Add(JsonSerializer.Deserialize<CorpusMessage>(line)!);
            }
        }

        return records;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
