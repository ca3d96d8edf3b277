using System.Text.Json.Serialization;

namespace Outlook.GraphEmulator.Replay;

/// <summary>One line of the mail metadata corpus: headers only, no subject and no body.</summary>
public sealed record CorpusRecord(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("date")] DateTimeOffset Date,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] IReadOnlyList<string>? To,
    [property: JsonPropertyName("cc")] IReadOnlyList<string>? Cc,
    [property: JsonPropertyName("mailbox")] string Mailbox,
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("folder")] string Folder);
