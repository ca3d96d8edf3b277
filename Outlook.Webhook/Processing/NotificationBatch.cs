using System.Text.Json;

namespace Outlook.Webhook.Processing;

/// <summary>A parsed notification request: the raw items (parsed one by one, so one bad item spoils nothing else) and the validation tokens.</summary>
internal sealed record NotificationBatch(IReadOnlyList<JsonElement> Items, IReadOnlyList<string> ValidationTokens, DateTimeOffset ReceivedAt);
