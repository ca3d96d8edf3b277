using System.Text.Json.Nodes;
using Outlook.GraphEmulator.Graph;

namespace Outlook.GraphEmulator.Subscriptions;

/// <summary>Writes a subscription in the shape of Graph's subscription resource.</summary>
public static class SubscriptionJson
{
    public static JsonObject Build(Subscription subscription, string? context)
    {
        var json = new JsonObject();
        if (context is not null)
        {
            json["@odata.context"] = context;
        }

        json["id"] = subscription.Id;
        json["resource"] = subscription.Resource;
        json["applicationId"] = subscription.ApplicationId;
        json["changeType"] = subscription.ChangeType;
        json["clientState"] = subscription.ClientState;
        json["notificationUrl"] = subscription.NotificationUrl;
        json["notificationQueryOptions"] = null;
        json["notificationContentType"] = null;
        json["lifecycleNotificationUrl"] = subscription.LifecycleNotificationUrl;
        json["expirationDateTime"] = GraphJson.PreciseTime(subscription.ExpirationDateTime);
        json["creatorId"] = subscription.CreatorId;
        json["includeResourceData"] = subscription.IncludeResourceData ? true : null;
        json["latestSupportedTlsVersion"] = subscription.LatestSupportedTlsVersion;
        json["encryptionCertificate"] = subscription.EncryptionCertificate;
        json["encryptionCertificateId"] = subscription.EncryptionCertificateId;
        json["notificationUrlAppId"] = null;
        return json;
    }
}
