namespace Outlook.Subscriptions.Options;

/// <summary>Rich (encrypted resource data) notifications, bound from "Subscriptions:RichNotifications".</summary>
public sealed class RichNotificationOptions
{
    /// <summary>Public certificate (.cer) Graph encrypts resource data with. Setting it turns rich notifications on.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Id the webhook uses to find the matching private key.</summary>
    public string? CertificateId { get; set; }

    /// <summary>Graph's maximum lifetime for subscriptions with resource data.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(1_440);

    /// <summary>Metadata-only $select put in the resource; Graph rejects body and uniqueBody there.</summary>
    public string Select { get; set; } =
        "id,internetMessageId,from,sender,toRecipients,ccRecipients,bccRecipients,replyTo,receivedDateTime,"
        + "sentDateTime,isRead,isDraft,importance,flag,hasAttachments,parentFolderId,conversationId,categories";

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
