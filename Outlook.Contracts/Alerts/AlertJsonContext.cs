using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlook.Contracts.Alerts;

/// <summary>Source-generated JSON for the records on <see cref="Topics.Alerts"/>: snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Alert))]
public sealed partial class AlertJsonContext : JsonSerializerContext;
