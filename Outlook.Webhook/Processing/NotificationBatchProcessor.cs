using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Webhook.Notifications;
using Outlook.Webhook.Options;
using Outlook.Webhook.Security;
using Outlook.Webhook.Telemetry;

namespace Outlook.Webhook.Processing;

/// <summary>
/// Verifies a batch item by item, drops changes already produced, produces the rest and marks
/// them as seen only once Kafka acknowledged all of them.
/// </summary>
internal sealed class NotificationBatchProcessor(
    SubscriptionStore subscriptions,
    NotificationVerifier verifier,
    ValidationTokenValidator tokenValidator,
    DedupStore dedup,
    NotificationProducer producer,
    IOptions<WebhookOptions> options,
    WebhookTelemetry telemetry,
    TimeProvider time,
    ILogger<NotificationBatchProcessor> logger)
{
    private readonly WarningThrottle _rejectionWarnings = new(options.Value.WarningInterval, time);
    private readonly WarningThrottle _outageWarnings = new(options.Value.WarningInterval, time);

    public async Task<BatchOutcome> ProcessAsync(NotificationBatch batch, CancellationToken cancellationToken)
    {
        telemetry.Received.Add(batch.Items.Count);
        var verdicts = await TryVerifyAsync(batch, cancellationToken);
        if (verdicts is null)
        {
            return BatchOutcome.Unavailable;
        }

        var rejected = CountRejections(verdicts);
        var records = verdicts.Select(verdict => verdict.Record).OfType<NotificationRecord>().ToList();
        var toProduce = await SelectUnseenAsync(records, cancellationToken);
        var duplicates = records.Count - toProduce.Count;
        telemetry.Duplicates.Add(duplicates);

        if (!await TryProduceAsync(toProduce, cancellationToken))
        {
            return new BatchOutcome(0, duplicates, rejected, Durable: false);
        }

        await dedup.MarkAsync(KeysOf(toProduce, RecordKinds.Message), options.Value.DedupTimeToLive, cancellationToken);
        await dedup.MarkAsync(KeysOf(toProduce, RecordKinds.Lifecycle), options.Value.LifecycleDedupTimeToLive, cancellationToken);
        telemetry.Accepted.Add(toProduce.Count);
        WebhookLog.BatchProcessed(logger, batch.Items.Count, toProduce.Count, duplicates, rejected);
        return new BatchOutcome(toProduce.Count, duplicates, rejected, Durable: true);
    }

    /// <summary>
    /// Verifies every item, or returns null when an outage on our side (Redis, the signing-key
    /// server) leaves the batch unverifiable, so that the request gets 503 and Graph retries it.
    /// </summary>
    private async Task<List<ItemVerdict>?> TryVerifyAsync(NotificationBatch batch, CancellationToken cancellationToken)
    {
        var items = batch.Items.Select(Deserialize).ToList();
        try
        {
            var ids = items.Select(item => item?.SubscriptionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var secrets = await subscriptions.FindAsync(ids, cancellationToken);
            if (await subscriptions.IsStateLostAsync(TenantsOfUnknown(items, secrets), cancellationToken))
            {
                // Rejecting now would be final (Graph does not retry a 202), although the
                // subscription manager is about to write these subscriptions again.
                if (_outageWarnings.TryEnter(out var suppressed))
                {
                    WebhookLog.SubscriptionStateLost(logger, suppressed);
                }

                return null;
            }

            return await VerifyAsync(items, secrets, batch, cancellationToken);
        }
        catch (SubscriptionStoreUnavailableException ex)
        {
            if (_outageWarnings.TryEnter(out var suppressed))
            {
                WebhookLog.SubscriptionLookupFailed(logger, suppressed, ex);
            }

            return null;
        }
        catch (SigningKeysUnavailableException ex)
        {
            if (_outageWarnings.TryEnter(out var suppressed))
            {
                WebhookLog.SigningKeysUnavailable(logger, suppressed, ex);
            }

            return null;
        }
    }

    private static IEnumerable<string?> TenantsOfUnknown(
        List<ChangeNotificationItem?> items, IReadOnlyDictionary<string, SubscriptionSecret?> secrets) =>
        items
            .Where(item => item?.SubscriptionId is { Length: > 0 } id && secrets.GetValueOrDefault(id) is null)
            .Select(item => item!.TenantId);

    private async Task<List<ItemVerdict>> VerifyAsync(
        List<ChangeNotificationItem?> items,
        IReadOnlyDictionary<string, SubscriptionSecret?> secrets,
        NotificationBatch batch,
        CancellationToken cancellationToken)
    {
        // Tokens are checked once per batch, and only when an item carries encrypted content.
        Task<TokenCheck>? tokenCheck = null;
        Task<TokenCheck> CheckTokens() => tokenCheck ??= tokenValidator.ValidateAsync(batch.ValidationTokens, cancellationToken);

        var verdicts = new List<ItemVerdict>(items.Count);
        foreach (var item in items)
        {
            if (item is null)
            {
                verdicts.Add(ItemVerdict.Reject(RejectReasons.MalformedItem, null));
            }
            else if (string.IsNullOrEmpty(item.SubscriptionId))
            {
                verdicts.Add(ItemVerdict.Reject(RejectReasons.MissingSubscriptionId, null));
            }
            else
            {
                var secret = secrets.GetValueOrDefault(item.SubscriptionId);
                verdicts.Add(await verifier.VerifyAsync(item, secret, CheckTokens, batch.ReceivedAt));
            }
        }

        return verdicts;
    }

    private int CountRejections(List<ItemVerdict> verdicts)
    {
        var rejected = 0;
        foreach (var verdict in verdicts.Where(verdict => verdict.RejectReason is not null))
        {
            rejected++;
            telemetry.Reject(verdict.RejectReason!);
            if (_rejectionWarnings.TryEnter(out var suppressed))
            {
                WebhookLog.NotificationRejected(logger, verdict.SubscriptionId, verdict.RejectReason!, suppressed);
            }
        }

        return rejected;
    }

    /// <summary>Keeps the first record of each change key in the batch, minus those Redis has seen produced.</summary>
    private async Task<List<NotificationRecord>> SelectUnseenAsync(List<NotificationRecord> records, CancellationToken cancellationToken)
    {
        var firstOfEachKey = new List<NotificationRecord>(records.Count);
        var keysInBatch = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (keysInBatch.Add(record.ChangeKey))
            {
                firstOfEachKey.Add(record);
            }
        }

        var seen = await dedup.FindSeenAsync([.. keysInBatch], cancellationToken);
        return [.. firstOfEachKey.Where(record => !seen.Contains(record.ChangeKey))];
    }

    private async Task<bool> TryProduceAsync(List<NotificationRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return true;
        }

        var timeout = options.Value.ProduceTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await producer.ProduceAsync(records, deadline.Token);
            telemetry.ProduceDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            return true;
        }
        catch (Exception ex) when (ex is Confluent.Kafka.KafkaException or OperationCanceledException)
        {
            WebhookLog.ProduceFailed(logger, records.Count, timeout, ex is OperationCanceledException ? null : ex);
            return false;
        }
    }

    private static List<string> KeysOf(List<NotificationRecord> records, string kind) =>
        [.. records.Where(record => record.Kind == kind).Select(record => record.ChangeKey)];

    private static ChangeNotificationItem? Deserialize(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return element.Deserialize(WebhookJsonContext.Default.ChangeNotificationItem);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
