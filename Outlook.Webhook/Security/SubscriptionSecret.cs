namespace Outlook.Webhook.Security;

/// <summary>What the subscription manager stored about one Graph subscription.</summary>
internal sealed record SubscriptionSecret(string TenantId, string MailboxId, string ClientState, string? Resource);
