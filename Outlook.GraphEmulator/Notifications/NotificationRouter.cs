using Outlook.GraphEmulator.Faults;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Subscriptions;

namespace Outlook.GraphEmulator.Notifications;

/// <summary>
/// Turns message changes into notification items for every matching subscription, applying the
/// switched-on faults (dropped, duplicated, created followed by updates, varied resource spellings).
/// </summary>
public sealed class NotificationRouter(
    SubscriptionStore subscriptions,
    DeliveryQueue queue,
    NotificationBuilder builder,
    FaultState faults,
    TimeProvider time,
    EmulatorTelemetry telemetry)
{
    private long _spellingCounter;

    public void Publish(IEnumerable<MessageChange> changes)
    {
        foreach (var change in changes)
        {
            foreach (var subscription in subscriptions.ForUser(change.UserId))
            {
                if (ChangeTypeFor(subscription, change) is { } changeType)
                {
                    Route(subscription, change.Message, changeType);
                }
            }
        }
    }

    /// <summary>Sends a lifecycle notification; returns false when the subscription has no lifecycle URL.</summary>
    public bool PublishLifecycle(Subscription subscription, string lifecycleEvent)
    {
        if (subscription.LifecycleNotificationUrl is null)
        {
            return false;
        }

        queue.Enqueue(new PendingNotification(subscription, builder.Lifecycle(subscription, lifecycleEvent), IsLifecycle: true));
        return true;
    }

    /// <summary>
    /// Returns the change type a subscription receives, or null when the change is outside it. For a
    /// folder subscription a move into the folder is a creation and a move out is a deletion.
    /// </summary>
    private static string? ChangeTypeFor(Subscription subscription, MessageChange change)
    {
        var changeType = change.ChangeType;
        if (subscription.FolderId is { } folderId)
        {
            var inFolder = change.Message.FolderId == folderId;
            var wasInFolder = change.PreviousFolderId == folderId;
            if (!inFolder && !wasInFolder)
            {
                return null;
            }

            if (change.PreviousFolderId is not null && inFolder != wasInFolder)
            {
                changeType = inFolder ? ChangeTypes.Created : ChangeTypes.Deleted;
            }
        }

        return subscription.ChangeTypes.Contains(changeType) ? changeType : null;
    }

    private void Route(Subscription subscription, EmulatedMessage message, string changeType)
    {
        var switches = faults.Switches;
        var changeTypes = new List<string> { changeType };
        if (changeType == ChangeTypes.Created && subscription.ChangeTypes.Contains(ChangeTypes.Updated))
        {
            changeTypes.AddRange(Enumerable.Repeat(ChangeTypes.Updated, switches.UpdatedAfterCreated));
        }

        foreach (var type in changeTypes)
        {
            var spelling = switches.ResourceSpellingVariants
                ? (ResourceSpelling)(Interlocked.Increment(ref _spellingCounter) % 3)
                : ResourceSpelling.Segments;
            var copies = switches.Duplicates ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                Enqueue(subscription, builder.Change(subscription, type, message, spelling));
            }
        }
    }

    private void Enqueue(Subscription subscription, System.Text.Json.Nodes.JsonObject item)
    {
        if (time.GetUtcNow() < faults.DropUntil)
        {
            subscription.Statistics.Queued(1, lifecycle: false);
            subscription.Statistics.Dropped(1);
            telemetry.NotificationsDropped.Add(1);
            subscription.MissedNotifications = true;
            return;
        }

        queue.Enqueue(new PendingNotification(subscription, item, IsLifecycle: false));
    }
}
