namespace Outlook.GraphEmulator.Notifications;

/// <summary>Lifecycle events Graph sends to a subscription's lifecycleNotificationUrl.</summary>
public static class LifecycleEvents
{
    public const string ReauthorizationRequired = "reauthorizationRequired";
    public const string SubscriptionRemoved = "subscriptionRemoved";
    public const string Missed = "missed";
}
