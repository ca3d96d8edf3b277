using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlook.Worker.Personas.Events;

/// <summary>Source-generated JSON for reading normalised events (snake_case field names).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PersonaEvent))]
internal sealed partial class PersonaEventJsonContext : JsonSerializerContext;
