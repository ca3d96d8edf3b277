using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlook.Benchmarks.Personas;

/// <summary>One line of data/enron-mail-metadata.jsonl.gz: header metadata of one filed message.</summary>
internal sealed record CorpusMessage(
    string MessageId,
    DateTimeOffset Date,
    string? From,
    IReadOnlyList<string>? To,
    IReadOnlyList<string>? Cc,
    string Mailbox,
    string Folder,
    string? Owner);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CorpusMessage))]
internal sealed partial class CorpusJsonContext : JsonSerializerContext;
