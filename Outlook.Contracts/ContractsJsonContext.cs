using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlook.Contracts;

/// <summary>Source-generated JSON for the records on <see cref="Topics.Notifications"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NotificationRecord))]
public sealed partial class NotificationJsonContext : JsonSerializerContext;
