using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Graph;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Options;
using Outlook.GraphEmulator.Subscriptions;

namespace Outlook.GraphEmulator.Notifications;

/// <summary>Builds change and lifecycle notification items in the shapes Graph sends.</summary>
public sealed class NotificationBuilder(IOptions<EmulatorOptions> options)
{
    private string TenantId => options.Value.TenantId;

    /// <summary>Builds a change notification; <paramref name="spelling"/> picks one of the three resource spellings.</summary>
    public JsonObject Change(Subscription subscription, string changeType, EmulatedMessage message, ResourceSpelling spelling)
    {
        var resource = Resource(subscription.UserId, message.Id, spelling);
        var resourceData = new JsonObject
        {
            ["@odata.type"] = "#Microsoft.Graph.Message",
            ["@odata.id"] = resource,
        };
        if (changeType != ChangeTypes.Deleted)
        {
            resourceData["@odata.etag"] = message.ETag;
        }

        resourceData["id"] = message.Id;

        var item = new JsonObject
        {
            ["subscriptionId"] = subscription.Id,
            ["subscriptionExpirationDateTime"] = GraphJson.PreciseTime(subscription.ExpirationDateTime),
            ["changeType"] = changeType,
            ["resource"] = resource,
            ["clientState"] = subscription.ClientState,
            ["tenantId"] = TenantId,
            ["resourceData"] = resourceData,
        };
        if (subscription is { IncludeResourceData: true, Certificate: { } certificate } && changeType != ChangeTypes.Deleted)
        {
            var content = MessageJson.Build(message, subscription.Select);
            content.Remove("@odata.etag");
            var data = new JsonObject
            {
                ["@odata.type"] = "#Microsoft.Graph.Message",
                ["@odata.id"] = resource,
                ["@odata.etag"] = message.ETag,
            };
            foreach (var (name, value) in content)
            {
                data[name] = value?.DeepClone();
            }

            item["encryptedContent"] = NotificationEncryptor.Encrypt(
                data.ToJsonString(), certificate, subscription.EncryptionCertificateId);
        }

        return item;
    }

    public JsonObject Lifecycle(Subscription subscription, string lifecycleEvent) => new()
    {
        ["subscriptionId"] = subscription.Id,
        ["subscriptionExpirationDateTime"] = GraphJson.PreciseTime(subscription.ExpirationDateTime),
        ["tenantId"] = TenantId,
        ["clientState"] = subscription.ClientState,
        ["lifecycleEvent"] = lifecycleEvent,
    };

    private string Resource(string userId, string messageId, ResourceSpelling spelling) => spelling switch
    {
        ResourceSpelling.TenantQualified => $"users/{userId}@{TenantId}/messages/{messageId}",
        ResourceSpelling.KeySyntax => $"Users('{userId}')/messages('{messageId}')",
        _ => $"Users/{userId}/Messages/{messageId}",
    };
}

/// <summary>The three spellings of a message resource found in Microsoft's notification examples.</summary>
public enum ResourceSpelling
{
    /// <summary>Users/{id}/Messages/{id}</summary>
    Segments,

    /// <summary>users/{id}@{tenant}/messages/{id}</summary>
    TenantQualified,

    /// <summary>Users('{id}')/messages('{id}')</summary>
    KeySyntax,
}
