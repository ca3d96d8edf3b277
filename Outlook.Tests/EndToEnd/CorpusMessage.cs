using System.Text.Json.Serialization;

namespace Outlook.Tests.EndToEnd;

/// <summary>One corpus line as the emulator replays it: the ground truth an event is checked against.</summary>
public sealed record CorpusMessage(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("date")] DateTimeOffset Date,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] IReadOnlyList<string>? To,
    [property: JsonPropertyName("cc")] IReadOnlyList<string>? Cc,
    [property: JsonPropertyName("mailbox")] string Mailbox,
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("folder")] string Folder);
