using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Kafka;
using Outlook.Subscriptions.CatchUp;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Subscriptions;

namespace Outlook.Subscriptions.Kafka;

/// <summary>
/// Acts on lifecycle notifications from the notifications topic: reauthorizationRequired renews,
/// subscriptionRemoved recreates and catches up, missed catches up. An offset is stored only
/// after its action finished, so a crash repeats the action rather than losing it.
/// </summary>
public sealed partial class LifecycleConsumer(
    KafkaClientFactory kafka,
    SubscriptionManager subscriptions,
    DeltaCatchUp catchUp,
    MailboxStore store,
    ActivityTracker activity,
    TimeProvider time,
    ILogger<LifecycleConsumer> logger) : BackgroundService
{
    public const string GroupId = "outlook-subscriptions";

    private static readonly TimeSpan ActivityFlushInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    // Consume blocks, so the loop leaves the host's start-up thread; the host still tracks the returned task.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken);

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        using var consumer = kafka.CreateConsumerBuilder<string, byte[]>(kafka.CreateConsumerConfig(GroupId)).Build();
        consumer.Subscribe(Topics.Notifications);
        var nextFlush = time.GetUtcNow() + ActivityFlushInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
                if (result?.Message is { } message)
                {
                    await HandleAsync(message, stoppingToken);
                    consumer.StoreOffset(result);
                }

                if (time.GetUtcNow() >= nextFlush)
                {
                    await activity.FlushAsync();
                    nextFlush = time.GetUtcNow() + ActivityFlushInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleAsync(Message<string, byte[]> message, CancellationToken stoppingToken)
    {
        activity.Observe(message.Key);
        if (!IsLifecycle(message.Headers))
        {
            return;
        }

        NotificationRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(message.Value, NotificationJsonContext.Default.NotificationRecord);
        }
        catch (JsonException ex)
        {
            LogUnreadable(ex, message.Key);
            return;
        }

        if (record?.LifecycleEvent is not { } lifecycleEvent)
        {
            LogUnreadable(null, message.Key);
            return;
        }

        // Retry until done: the offset must not move past an action that has not happened.
        while (true)
        {
            try
            {
                await ActAsync(record, lifecycleEvent, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogActionFailed(ex, lifecycleEvent, record.TenantId, record.MailboxId);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    private async Task ActAsync(NotificationRecord record, string lifecycleEvent, CancellationToken cancellationToken)
    {
        var tenantId = record.TenantId;
        var mailboxId = record.MailboxId;
        if (!await store.IsWatchedAsync(tenantId, mailboxId))
        {
            LogUnknownMailbox(lifecycleEvent, tenantId, mailboxId);
            return;
        }

        var state = await store.GetStateAsync(tenantId, mailboxId);
        var current = record.SubscriptionId is null || string.Equals(record.SubscriptionId, state.SubscriptionId, StringComparison.OrdinalIgnoreCase);
        Func<Task>? action = lifecycleEvent.ToLowerInvariant() switch
        {
            "reauthorizationrequired" when current => () => subscriptions.RenewAsync(tenantId, mailboxId, cancellationToken),
            "subscriptionremoved" when current => () => subscriptions.RecreateAsync(tenantId, mailboxId, cancellationToken),
            "missed" => () => catchUp.CatchUpAsync(tenantId, mailboxId, CatchUpMode.Incremental, cancellationToken),
            _ => null,
        };

        if (action is null)
        {
            LogIgnored(lifecycleEvent, tenantId, mailboxId, record.SubscriptionId ?? "-");
            return;
        }

        // Another replica holding the mailbox is doing the same work; wait for it and act after it.
        while (!await subscriptions.TryWithMailboxLockAsync(tenantId, mailboxId, action))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }

        LogActed(lifecycleEvent, tenantId, mailboxId);
    }

    private static bool IsLifecycle(Headers? headers) =>
        headers is not null
        && headers.TryGetLastBytes(KafkaHeaderNames.RecordKind, out var kind)
        && Encoding.UTF8.GetString(kind) == RecordKinds.Lifecycle;

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {LifecycleEvent} for tenant {TenantId} mailbox {MailboxId}")]
    private partial void LogActed(string lifecycleEvent, string tenantId, string mailboxId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Ignored {LifecycleEvent} for tenant {TenantId} mailbox {MailboxId}: subscription {SubscriptionId} is not the current one or the event is unknown")]
    private partial void LogIgnored(string lifecycleEvent, string tenantId, string mailboxId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored {LifecycleEvent} for tenant {TenantId} mailbox {MailboxId}: the mailbox is not watched")]
    private partial void LogUnknownMailbox(string lifecycleEvent, string tenantId, string mailboxId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable lifecycle record with key {RecordKey}")]
    private partial void LogUnreadable(Exception? exception, string? recordKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{LifecycleEvent} for tenant {TenantId} mailbox {MailboxId} failed; retrying")]
    private partial void LogActionFailed(Exception exception, string lifecycleEvent, string tenantId, string mailboxId);
}
