using System.Text.Json.Serialization;

namespace Outlook.Contracts.Events;

/// <summary>Source-generated JSON for <see cref="NormalizedEvent"/> on <see cref="Topics.Events"/>; names come from the attributes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NormalizedEvent))]
public sealed partial class EventJsonContext : JsonSerializerContext;
