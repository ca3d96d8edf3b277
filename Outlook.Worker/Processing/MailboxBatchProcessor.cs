using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Worker.Identity;
using Outlook.Worker.Normalization;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker.Processing;

/// <summary>
/// Processes a batch of one mailbox's records: prepares them concurrently (at most
/// Worker:MaxGraphRequestsPerMailbox Graph fetches at once), then normalises and publishes them
/// one by one in change order (see <see cref="ChangeOrder"/>), reporting each record done only
/// after its output is acknowledged.
/// </summary>
internal sealed class MailboxBatchProcessor(
    RecordPreparer preparer,
    OutputPublisher publisher,
    MessageStateStore states,
    WorkerMetrics metrics,
    IOptions<WorkerOptions> options,
    ILogger<MailboxBatchProcessor> logger)
{
    // NOTE: each fetch is its own GET. Graph's $batch (up to 20 requests) would cut round trips
    // for a busy mailbox, but each request in a batch is still throttled on its own. A benchmark
    // against the emulator would show whether batching pays.
    public async Task ProcessAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, Action<TopicPartitionOffset> completed, CancellationToken cancellationToken)
    {
        var prepared = new PreparedRecord[batch.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Value.MaxGraphRequestsPerMailbox,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Count),
            parallel,
            async (index, token) => prepared[index] = await preparer.PrepareAsync(batch[index], token));

        foreach (var record in ChangeOrder.Sort(prepared))
        {
            await PublishAsync(record, cancellationToken);
            completed(record.Source.TopicPartitionOffset);
        }
    }

    private async Task PublishAsync(PreparedRecord prepared, CancellationToken cancellationToken)
    {
        var source = prepared.Source;
        using var activity = WorkerActivity.StartProcess(source);
        if (prepared.SkipReason is { } skipped)
        {
            Skip(source, RecordKinds.Lifecycle, skipped);
            return;
        }

        if (prepared.Input is not { } input)
        {
            await DeadLetterAsync(source, prepared.FailureCategory, prepared.FailureReason ?? "unknown failure", prepared.Failure, cancellationToken);
            return;
        }

        try
        {
            await NormalizeAndPublishAsync(input, source, cancellationToken);
        }
        catch (InvalidRecordException ex)
        {
            await DeadLetterAsync(source, "invalid_record", ex.Message, ex, cancellationToken);
        }
        catch (ProduceException<string, byte[]> ex) when (OutputPublisher.IsTooLarge(ex))
        {
            await DeadLetterAsync(source, "event_too_large", "The normalised event exceeds the producer's message.max.bytes (Kafka:Producer).", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not KafkaException)
        {
            await DeadLetterAsync(source, "internal_error", $"Normalising the record failed: {ex.GetType().Name}: {ex.Message}", ex, cancellationToken);
        }
    }

    private async Task NormalizeAndPublishAsync(NormalizationInput input, ConsumeResult<string, byte[]> source, CancellationToken cancellationToken)
    {
        var record = input.Record;
        var messageId = record.Kind == RecordKinds.Message ? MessageIdOf(input) : null;
        if (messageId is not null && string.Equals(record.ChangeType, "updated", StringComparison.OrdinalIgnoreCase))
        {
            input = input with { PreviousState = await states.GetAsync(record.TenantId, record.MailboxId, messageId) };
        }

        var result = EventNormalizer.Normalize(input);
        if (result.Event is not { } normalized)
        {
            Skip(source, record.Kind, result.SkipReason ?? "no event");
            return;
        }

        await publisher.PublishEventAsync(normalized, source, record.ReceivedAt, cancellationToken);
        if (messageId is null)
        {
            return;
        }

        try
        {
            await RememberStateAsync(input, messageId, normalized.Payload.Action);
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            // The event is already published; a lost state entry only makes the next update of this message email_updated.
            WorkerLog.MessageStateNotSaved(logger, record.MailboxId, messageId, ex);
        }
    }

    private async Task RememberStateAsync(NormalizationInput input, string messageId, string action)
    {
        var record = input.Record;
        if (action == Contracts.Events.EventActions.EmailDeleted)
        {
            await states.DeleteAsync(record.TenantId, record.MailboxId, messageId);
            return;
        }

        var metadata = input.FetchedMetadata
            ?? (record.ResourceData is { } data ? MessageMetadataReader.Read(data) : null);
        if (metadata is not null)
        {
            await states.SetAsync(record.TenantId, record.MailboxId, messageId, metadata);
        }
    }

    private static string? MessageIdOf(NormalizationInput input)
    {
        var record = input.Record;
        return record.ResourceId ?? input.FetchedMetadata?.Id ?? ResourcePaths.LastSegmentId(record.Resource);
    }

    private void Skip(ConsumeResult<string, byte[]> source, string kind, string reason)
    {
        metrics.RecordSkipped(kind);
        WorkerLog.RecordSkipped(logger, source.Partition.Value, source.Offset.Value, kind, reason);
    }

    private async Task DeadLetterAsync(ConsumeResult<string, byte[]> source, string category, string reason, Exception? failure, CancellationToken cancellationToken)
    {
        WorkerLog.DeadLettered(logger, source.Topic, source.Partition.Value, source.Offset.Value, reason, failure);
        await publisher.PublishDeadLetterAsync(source, category, reason, cancellationToken);
    }
}
