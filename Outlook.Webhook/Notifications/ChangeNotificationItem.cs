using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlook.Webhook.Notifications;

/// <summary>One element of a change notification collection's "value" array, as Graph sends it.</summary>
internal sealed record ChangeNotificationItem
{
    public string? Id { get; init; }

    public string? SubscriptionId { get; init; }

    public string? SubscriptionExpirationDateTime { get; init; }

    public string? ClientState { get; init; }

    public string? ChangeType { get; init; }

    public string? Resource { get; init; }

    public string? TenantId { get; init; }

    public string? LifecycleEvent { get; init; }

    public JsonElement? ResourceData { get; init; }

    public EncryptedContent? EncryptedContent { get; init; }
}

/// <summary>The encryptedContent of a rich notification.</summary>
internal sealed record EncryptedContent
{
    public string? Data { get; init; }

    public string? DataKey { get; init; }

    public string? DataSignature { get; init; }

    public string? EncryptionCertificateId { get; init; }

    public string? EncryptionCertificateThumbprint { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChangeNotificationItem))]
[JsonSerializable(typeof(BatchSummary))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
