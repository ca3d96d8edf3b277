namespace Outlook.Subscriptions.Storage;

/// <summary>A subscription as Graph created it, with the clientState the webhook checks.</summary>
public sealed record SubscriptionRecord(string Id, string Resource, string ClientState, DateTimeOffset ExpiresAt);
