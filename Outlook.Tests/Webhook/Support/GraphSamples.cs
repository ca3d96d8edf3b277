using System.Text.Json.Nodes;

namespace Outlook.Tests.Webhook.Support;

/// <summary>Microsoft's documented Graph payloads, copied into the test output.</summary>
internal static class GraphSamples
{
    public static readonly string[] BasicNotifications = ["notification-message-basic.json", "notification-message-basic-outlook.json"];

    public static readonly string[] LifecycleNotifications =
        ["lifecycle-missed.json", "lifecycle-reauthorizationRequired.json", "lifecycle-subscriptionRemoved.json"];

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "graph-samples", name));

    public static JsonObject ReadObject(string name) => JsonNode.Parse(Read(name))!.AsObject();

    /// <summary>The first item of a sample's "value" array.</summary>
    public static JsonObject FirstItem(JsonObject collection) => collection["value"]![0]!.AsObject();
}
