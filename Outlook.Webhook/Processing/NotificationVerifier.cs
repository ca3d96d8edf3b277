using System.Text.Json;
using Outlook.Contracts;
using Outlook.Webhook.Notifications;
using Outlook.Webhook.Security;

namespace Outlook.Webhook.Processing;

/// <summary>Checks one notification against its subscription and turns it into a record, or names why it is rejected.</summary>
internal sealed class NotificationVerifier(NotificationDecryptor decryptor)
{
    public async Task<ItemVerdict> VerifyAsync(
        ChangeNotificationItem item,
        SubscriptionSecret? subscription,
        Func<Task<TokenCheck>> checkTokens,
        DateTimeOffset receivedAt)
    {
        if (subscription is null)
        {
            return ItemVerdict.Reject(RejectReasons.UnknownSubscription, item.SubscriptionId);
        }

        // For a notification without resource data the clientState is the only proof that Graph sent it.
        if (!ClientStates.AreEqual(item.ClientState, subscription.ClientState))
        {
            return ItemVerdict.Reject(RejectReasons.ClientStateMismatch, item.SubscriptionId);
        }

        var tenantId = item.TenantId ?? subscription.TenantId;
        if (!string.Equals(tenantId, subscription.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return ItemVerdict.Reject(RejectReasons.TenantMismatch, item.SubscriptionId);
        }

        return item.LifecycleEvent is not null
            ? VerifyLifecycle(item, subscription, receivedAt)
            : await VerifyMessageAsync(item, subscription, checkTokens, receivedAt);
    }

    private static ItemVerdict VerifyLifecycle(ChangeNotificationItem item, SubscriptionSecret subscription, DateTimeOffset receivedAt)
    {
        var mailboxId = ResourcePathParser.TryParse(item.Resource ?? subscription.Resource, out var path) && path.MailboxId is not null
            ? path.MailboxId
            : subscription.MailboxId;
        if (string.IsNullOrEmpty(mailboxId))
        {
            return ItemVerdict.Reject(RejectReasons.UnsupportedResource, item.SubscriptionId);
        }

        return ItemVerdict.Accept(new NotificationRecord
        {
            Kind = RecordKinds.Lifecycle,
            Origin = RecordOrigins.Webhook,
            TenantId = subscription.TenantId,
            MailboxId = mailboxId,
            SubscriptionId = item.SubscriptionId,
            Resource = item.Resource,
            LifecycleEvent = item.LifecycleEvent,
            ReceivedAt = receivedAt,
            ChangeKey = ChangeKeys.ForLifecycle(subscription.TenantId, item.SubscriptionId!, item.LifecycleEvent!, item.SubscriptionExpirationDateTime),
        });
    }

    private async Task<ItemVerdict> VerifyMessageAsync(
        ChangeNotificationItem item,
        SubscriptionSecret subscription,
        Func<Task<TokenCheck>> checkTokens,
        DateTimeOffset receivedAt)
    {
        if (string.IsNullOrEmpty(item.ChangeType))
        {
            return ItemVerdict.Reject(RejectReasons.MalformedItem, item.SubscriptionId);
        }

        // A resource the parser does not know (me/messages/{id} spelled another way) still names
        // its message through resourceData.id and its mailbox through the subscription.
        _ = ResourcePathParser.TryParse(item.Resource, out var path);
        var messageId = path.MessageId ?? StringProperty(item.ResourceData, "id");
        var mailboxId = path.MailboxId ?? subscription.MailboxId;
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(mailboxId))
        {
            return ItemVerdict.Reject(RejectReasons.UnsupportedResource, item.SubscriptionId);
        }

        JsonElement? decrypted = null;
        if (item.EncryptedContent is { } encrypted)
        {
            var tokens = await checkTokens();
            if (!tokens.Trusts(subscription.TenantId))
            {
                return ItemVerdict.Reject(RejectReasons.InvalidValidationToken, item.SubscriptionId);
            }

            try
            {
                decrypted = await decryptor.DecryptAsync(encrypted);
            }
            catch (DecryptionException)
            {
                return ItemVerdict.Reject(RejectReasons.DecryptionFailed, item.SubscriptionId);
            }
        }

        var etag = StringProperty(item.ResourceData, "@odata.etag");
        return ItemVerdict.Accept(new NotificationRecord
        {
            Kind = RecordKinds.Message,
            Origin = RecordOrigins.Webhook,
            TenantId = subscription.TenantId,
            MailboxId = mailboxId,
            SubscriptionId = item.SubscriptionId,
            ChangeType = item.ChangeType,
            Resource = item.Resource,
            ResourceId = messageId,
            ReceivedAt = receivedAt,
            ResourceData = ResourceDataFilter.Filter(item.ResourceData, decrypted),
            ChangeKey = ChangeKeys.ForMessage(subscription.TenantId, mailboxId, messageId, item.ChangeType, etag),
        });
    }

    private static string? StringProperty(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty(name, out var property)
        && property.ValueKind == JsonValueKind.String
            ? property.GetString()
            : null;
}
