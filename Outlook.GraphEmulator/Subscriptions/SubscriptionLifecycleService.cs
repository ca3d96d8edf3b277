using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Faults;
using Outlook.GraphEmulator.Notifications;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Subscriptions;

/// <summary>
/// Removes expired subscriptions (silently, as Graph does), sends reauthorizationRequired ahead
/// of expiry, and sends missed once a drop-notifications fault has ended.
/// </summary>
public sealed class SubscriptionLifecycleService(
    SubscriptionStore store,
    NotificationRouter router,
    FaultState faults,
    IOptions<EmulatorOptions> options,
    TimeProvider time,
    ILogger<SubscriptionLifecycleService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LifecycleCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Check(time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>Applies expiry, reauthorization and missed notifications as of <paramref name="now"/>.</summary>
    public void Check(DateTimeOffset now)
    {
        var dropping = now < faults.DropUntil;
        foreach (var subscription in store.Active.ToList())
        {
            if (subscription.IsExpired(now))
            {
                store.Remove(subscription.Id);
                LifecycleLog.Expired(logger, subscription.Id);
                continue;
            }

            if (now >= subscription.ExpirationDateTime - options.Value.ReauthorizationLeadTime
                && subscription.ReauthorizationAnnouncedFor != subscription.ExpirationDateTime)
            {
                subscription.ReauthorizationAnnouncedFor = subscription.ExpirationDateTime;
                router.PublishLifecycle(subscription, LifecycleEvents.ReauthorizationRequired);
            }

            if (!dropping && subscription.MissedNotifications)
            {
                subscription.MissedNotifications = false;
                router.PublishLifecycle(subscription, LifecycleEvents.Missed);
            }
        }
    }
}

internal static partial class LifecycleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} expired and was removed")]
    public static partial void Expired(ILogger logger, string subscriptionId);
}
