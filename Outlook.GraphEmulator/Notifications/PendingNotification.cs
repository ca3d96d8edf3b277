using System.Text.Json.Nodes;
using Outlook.GraphEmulator.Subscriptions;

namespace Outlook.GraphEmulator.Notifications;

/// <summary>One notification item waiting for delivery; lifecycle items go to the lifecycle URL.</summary>
public sealed record PendingNotification(Subscription Subscription, JsonObject Item, bool IsLifecycle);
