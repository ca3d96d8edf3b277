using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Faults;
using Outlook.GraphEmulator.Identity;
using Outlook.GraphEmulator.Options;
using Outlook.GraphEmulator.Subscriptions;

namespace Outlook.GraphEmulator.Notifications;

/// <summary>
/// Collects queued notifications into batches per subscription and posts them. A batch that gets
/// no 2xx within the delivery timeout is retried with exponential backoff, as Graph does, until
/// the attempts run out and its items count as failed.
/// </summary>
/// <remarks>
/// Graph promises no order of notifications. The emulator plays a well-behaved sender that keeps
/// each subscription first-in first-out. Each subscription has one lane per URL (change and
/// lifecycle), a lane has at most one batch in flight, and items queued behind a batch being
/// retried wait for it. Otherwise overlapping or retried batches would land after later ones.
/// The out-of-order fault still shuffles items before they enter the lanes.
/// </remarks>
public sealed class NotificationDispatcher(
    DeliveryQueue queue,
    NotificationSender sender,
    SubscriptionStore subscriptions,
    TokenIssuer tokens,
    FaultState faults,
    IOptions<EmulatorOptions> options,
    TimeProvider time,
    EmulatorTelemetry telemetry,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private readonly Random _random = new(options.Value.Seed);
    private readonly List<PendingNotification> _heldBack = [];
    private readonly Dictionary<(string SubscriptionId, bool IsLifecycle), Queue<PendingNotification>> _lanes = [];
    private readonly Lock _lanesLock = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.MaxConcurrentDeliveries);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var round = await CollectRoundAsync(settings, stoppingToken);
                running.RemoveAll(task => task.IsCompleted);
                foreach (var notification in round)
                {
                    if (Append(notification) is { } lane)
                    {
                        running.Add(RunLaneAsync(lane, slots, stoppingToken));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: queued items and batches in flight are abandoned with the process.
        }

        // The lanes stop on the same token, and they must finish before the semaphore is disposed.
        await Task.WhenAll(running);
    }

    /// <summary>Queues a notification in its lane. Returns the lane's key when no task runs the lane yet, else null.</summary>
    private (string SubscriptionId, bool IsLifecycle)? Append(PendingNotification notification)
    {
        var key = (notification.Subscription.Id, notification.IsLifecycle);
        lock (_lanesLock)
        {
            if (_lanes.TryGetValue(key, out var lane))
            {
                lane.Enqueue(notification);
                return null;
            }

            _lanes[key] = new Queue<PendingNotification>([notification]);
            return key;
        }
    }

    /// <summary>Delivers one lane's batches one after another, until the lane is empty.</summary>
    private async Task RunLaneAsync((string SubscriptionId, bool IsLifecycle) key, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        // Off the collecting loop, so the first batch does not run inline on its thread.
        await Task.Yield();
        try
        {
            while (TakeBatch(key, options.Value.MaxBatchSize) is { } batch)
            {
                await slots.WaitAsync(stoppingToken);
                try
                {
                    await DeliverWithRetriesAsync(batch, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The lane must keep going: a stopped lane would hold back the subscription for good.
                    DispatcherLog.DeliveryCrashed(logger, batch.Count, key.SubscriptionId, exception);
                    batch[0].Subscription.Statistics.Failed(batch.Count, key.IsLifecycle);
                    telemetry.NotificationsFailed.Add(batch.Count);
                }
                finally
                {
                    slots.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>Takes up to <paramref name="maxBatchSize"/> items from a lane, or removes the empty lane and returns null.</summary>
    private List<PendingNotification>? TakeBatch((string SubscriptionId, bool IsLifecycle) key, int maxBatchSize)
    {
        lock (_lanesLock)
        {
            var lane = _lanes[key];
            if (lane.Count == 0)
            {
                _lanes.Remove(key);
                return null;
            }

            var batch = new List<PendingNotification>(Math.Min(lane.Count, maxBatchSize));
            while (batch.Count < maxBatchSize && lane.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            return batch;
        }
    }

    /// <summary>Waits for notifications, then gathers whatever else arrives within the batch window.</summary>
    private async Task<List<PendingNotification>> CollectRoundAsync(EmulatorOptions settings, CancellationToken stoppingToken)
    {
        var round = new List<PendingNotification>(_heldBack);
        _heldBack.Clear();
        if (round.Count == 0)
        {
            round.Add(await queue.Reader.ReadAsync(stoppingToken));
        }

        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(settings.BatchWindow);
        try
        {
            while (round.Count < settings.MaxBatchSize * settings.MaxConcurrentDeliveries)
            {
                if (queue.Reader.TryRead(out var next))
                {
                    round.Add(next);
                    continue;
                }

                await queue.Reader.WaitToReadAsync(window.Token);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The batch window closed.
        }

        return faults.Switches.OutOfOrder ? Reorder(round) : round;
    }

    /// <summary>Shuffles a round and defers about a fifth of it to the next round.</summary>
    private List<PendingNotification> Reorder(List<PendingNotification> round)
    {
        var shuffled = round.OrderBy(_ => _random.Next()).ToList();
        if (shuffled.Count < 2)
        {
            return shuffled;
        }

        var keep = new List<PendingNotification>();
        foreach (var notification in shuffled)
        {
            (_random.NextDouble() < 0.2 ? _heldBack : keep).Add(notification);
        }

        if (keep.Count == 0)
        {
            keep.Add(_heldBack[^1]);
            _heldBack.RemoveAt(_heldBack.Count - 1);
        }

        return keep;
    }

    private async Task DeliverWithRetriesAsync(List<PendingNotification> batch, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var subscription = batch[0].Subscription;
        var isLifecycle = batch[0].IsLifecycle;
        var url = isLifecycle ? subscription.LifecycleNotificationUrl! : subscription.NotificationUrl;
        var body = Body(batch, subscription, isLifecycle);
        var statistics = subscription.Statistics;
        if (!isLifecycle)
        {
            statistics.Sent(batch.Count);
        }

        for (var attempt = 1; attempt <= settings.DeliveryMaxAttempts; attempt++)
        {
            if (!isLifecycle && !subscriptions.IsActive(subscription.Id))
            {
                break;
            }

            if (attempt > 1)
            {
                statistics.Retry();
                telemetry.DeliveryRetries.Add(1);
            }

            statistics.Request();
            if (await TryPostAsync(url, body, subscription.Id, attempt, stoppingToken))
            {
                statistics.Acknowledged(batch.Count, isLifecycle);
                telemetry.NotificationsDelivered.Add(batch.Count);
                return;
            }

            if (attempt < settings.DeliveryMaxAttempts)
            {
                await Task.Delay(Backoff(settings, attempt), time, stoppingToken);
            }
        }

        DispatcherLog.Failed(logger, batch.Count, subscription.Id);
        statistics.Failed(batch.Count, isLifecycle);
        telemetry.NotificationsFailed.Add(batch.Count);
    }

    private async Task<bool> TryPostAsync(string url, string body, string subscriptionId, int attempt, CancellationToken stoppingToken)
    {
        using var activity = EmulatorTelemetry.ActivitySource.StartActivity("POST notification", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("outlook.subscription.id", subscriptionId);
        activity?.SetTag("outlook.delivery.attempt", attempt);
        try
        {
            var status = await sender.PostJsonAsync(url, body, options.Value.DeliveryTimeout, stoppingToken);
            if (status is >= 200 and < 300)
            {
                return true;
            }

            DispatcherLog.Rejected(logger, subscriptionId, status, attempt);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            DispatcherLog.TimedOut(logger, subscriptionId, attempt);
        }
        catch (HttpRequestException exception)
        {
            DispatcherLog.Unreachable(logger, subscriptionId, attempt, exception);
        }

        return false;
    }

    private static TimeSpan Backoff(EmulatorOptions settings, int attempt)
    {
        var delay = settings.DeliveryInitialBackoff * Math.Pow(2, attempt - 1);
        return delay < settings.DeliveryMaxBackoff ? delay : settings.DeliveryMaxBackoff;
    }

    private string Body(List<PendingNotification> batch, Subscription subscription, bool isLifecycle)
    {
        var body = new JsonObject
        {
            ["value"] = new JsonArray([.. batch.Select(n => (JsonNode)n.Item.DeepClone())]),
        };
        if (!isLifecycle && subscription.IncludeResourceData)
        {
            body["validationTokens"] = new JsonArray(tokens.CreateValidationToken(subscription.ApplicationId));
        }

        return body.ToJsonString();
    }
}

internal static partial class DispatcherLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification endpoint of subscription {SubscriptionId} returned {StatusCode} on attempt {Attempt}")]
    public static partial void Rejected(ILogger logger, string subscriptionId, int statusCode, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification endpoint of subscription {SubscriptionId} did not answer within the delivery timeout on attempt {Attempt}")]
    public static partial void TimedOut(ILogger logger, string subscriptionId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification endpoint of subscription {SubscriptionId} is unreachable on attempt {Attempt}")]
    public static partial void Unreachable(ILogger logger, string subscriptionId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up delivering {Count} notifications to subscription {SubscriptionId}")]
    public static partial void Failed(ILogger logger, int count, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering {Count} notifications to subscription {SubscriptionId} failed unexpectedly, so they count as failed")]
    public static partial void DeliveryCrashed(ILogger logger, int count, string subscriptionId, Exception exception);
}
