using System.Text.Json.Nodes;

namespace Outlook.Tests.Webhook.Support;

/// <summary>Builds change notification items for tests, each with ids of its own.</summary>
internal static class Notifications
{
    public static JsonObject Message(string subscriptionId, string clientState, string mailboxId, string messageId, string changeType = "created", string? etag = null) => new()
    {
        ["subscriptionId"] = subscriptionId,
        ["subscriptionExpirationDateTime"] = "2030-01-01T00:00:00Z",
        ["changeType"] = changeType,
        ["clientState"] = clientState,
        ["tenantId"] = WebhookHostFixture.TenantId,
        ["resource"] = $"Users/{mailboxId}/Messages/{messageId}",
        ["resourceData"] = new JsonObject
        {
            ["@odata.type"] = "#Microsoft.Graph.Message",
            ["@odata.id"] = $"Users/{mailboxId}/Messages/{messageId}",
            ["@odata.etag"] = etag ?? $"W/\"{Guid.NewGuid():N}\"",
            ["id"] = messageId,
        },
    };

    public static JsonObject Collection(params JsonNode[] items) => new() { ["value"] = new JsonArray(items) };

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
