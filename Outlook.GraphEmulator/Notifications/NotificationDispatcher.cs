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
                foreach (var batch in Batches(round, settings.MaxBatchSize))
                {
                    await slots.WaitAsync(stoppingToken);
                    running.RemoveAll(task => task.IsCompleted);
                    running.Add(DeliverAsync(batch, slots, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: batches still in flight are abandoned with the process.
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

    private static IEnumerable<List<PendingNotification>> Batches(List<PendingNotification> round, int maxBatchSize) =>
        round
            .GroupBy(n => (n.Subscription.Id, n.IsLifecycle))
            .SelectMany(group => group.Chunk(maxBatchSize).Select(chunk => chunk.ToList()));

    private async Task DeliverAsync(List<PendingNotification> batch, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await DeliverWithRetriesAsync(batch, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            slots.Release();
        }
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
}
