using System.Text.Json;
using Outlook.Contracts;
using Outlook.Worker.Normalization;

namespace Outlook.Tests.Worker;

/// <summary>Sample payloads copied from Microsoft's Graph documentation and the TOTAL schema, and records built from them.</summary>
internal static class WorkerTestData
{
    public const string GoldenTenantId = "tenant-id-001";
    public const string GoldenUserId = "user-aad-id-001";

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Samples", relative);

    public static JsonDocument Load(string relative) => JsonDocument.Parse(File.ReadAllText(PathOf(relative)));

    public static IEnumerable<string> GraphSamples(string prefix) =>
        Directory.EnumerateFiles(PathOf("graph-samples"), prefix + "*.json").Select(Path.GetFileName).OfType<string>().Order();

    public static TenantContext GoldenTenant() => new(GoldenTenantId, "customer-domain-001", new TenantDomains(["acme.com"]));

    public static MailboxIdentity GoldenOwner() => new("jane.doe@acme.com", "tuid-jane-doe-001", Mapped: true);

    /// <summary>Builds the record the webhook produces from one item of a notification collection.</summary>
    public static NotificationRecord FromNotificationItem(JsonElement item, string mailboxId)
    {
        var data = item.TryGetProperty("resourceData", out var resourceData) ? resourceData.Clone() : (JsonElement?)null;
        var messageId = data?.TryGetProperty("id", out var id) == true ? id.GetString() : null;
        var etag = data?.TryGetProperty("@odata.etag", out var tag) == true ? tag.GetString() : null;
        var tenantId = item.GetProperty("tenantId").GetString()!;
        var changeType = item.GetProperty("changeType").GetString()!;
        return new NotificationRecord
        {
            Kind = RecordKinds.Message,
            Origin = RecordOrigins.Webhook,
            TenantId = tenantId,
            MailboxId = mailboxId,
            SubscriptionId = item.GetProperty("subscriptionId").GetString(),
            ChangeType = changeType,
            Resource = item.GetProperty("resource").GetString(),
            ResourceId = messageId,
            ReceivedAt = DateTimeOffset.Parse("2026-03-15T09:15:03Z", System.Globalization.CultureInfo.InvariantCulture),
            ResourceData = data,
            ChangeKey = ChangeKeys.ForMessage(tenantId, mailboxId, messageId ?? "", changeType, etag),
        };
    }

    /// <summary>Builds a record of the given kind around resource data, as the subscription manager's pollers do.</summary>
    public static NotificationRecord FromResource(string kind, string changeType, JsonElement? data, string? resourceId = null) => new()
    {
        Kind = kind,
        Origin = kind == RecordKinds.Rule ? RecordOrigins.RulePoll : RecordOrigins.Delta,
        TenantId = GoldenTenantId,
        MailboxId = GoldenUserId,
        ChangeType = changeType,
        ResourceId = resourceId,
        ReceivedAt = DateTimeOffset.Parse("2026-03-15T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        ResourceData = data,
        ChangeKey = ChangeKeys.ForItem(kind, GoldenTenantId, GoldenUserId, resourceId ?? "no-id", changeType, "v1"),
    };
}
