using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlook.Worker.Personas.State;

/// <summary>Source-generated JSON for the persona documents stored in Redis.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PersonaState))]
internal sealed partial class PersonaJsonContext : JsonSerializerContext;
