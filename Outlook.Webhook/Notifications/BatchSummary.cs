namespace Outlook.Webhook.Notifications;

/// <summary>The body of a 202: counts only, never an item's content or the reason it was rejected.</summary>
internal sealed record BatchSummary(int Accepted, int Duplicates, int Rejected);
