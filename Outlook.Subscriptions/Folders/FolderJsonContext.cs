using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlook.Subscriptions.Folders;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FolderState))]
[JsonSerializable(typeof(FolderChangeData))]
internal sealed partial class FolderJsonContext : JsonSerializerContext;

/// <summary>ResourceData of a folder record.</summary>
internal sealed record FolderChangeData(string Id, string? DisplayName, string? ParentFolderId, string? PreviousDisplayName);
