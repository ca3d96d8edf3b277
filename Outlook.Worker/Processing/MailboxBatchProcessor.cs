using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Worker.Identity;
using Outlook.Worker.Normalization;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker.Processing;

/// <summary>
/// Processes a batch of one mailbox's records: prepares them concurrently (at most
/// Worker:MaxGraphRequestsPerMailbox Graph fetches at once), normalises them in change order (see
/// <see cref="ChangeOrder"/>) and starts every event's produce without waiting, then awaits the
/// acknowledgements in that order, stores the message states and only then reports the records done.
/// </summary>
internal sealed class MailboxBatchProcessor(
    RecordPreparer preparer,
    OutputPublisher publisher,
    MessageStateStore states,
    WorkerMetrics metrics,
    IOptions<WorkerOptions> options,
    ILogger<MailboxBatchProcessor> logger)
{
    public async Task ProcessAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, Action<TopicPartitionOffset> completed, CancellationToken cancellationToken)
    {
        var prepared = ChangeOrder.Sort(await PrepareAsync(batch, cancellationToken));

        var batchStates = new BatchMessageStates(states);
        var outputs = new RecordOutput[prepared.Length];
        for (var index = 0; index < prepared.Length; index++)
        {
            outputs[index] = await StartAsync(prepared[index], batchStates, cancellationToken);
        }

        await AwaitDeliveriesAsync(outputs, cancellationToken);
        await SaveStatesAsync(outputs);
        foreach (var output in outputs)
        {
            completed(output.Source.TopicPartitionOffset);
        }
    }

    // NOTE: each fetch is its own GET. Graph's $batch (up to 20 requests) would cut round trips
    // for a busy mailbox, but each request in a batch is still throttled on its own. A benchmark
    // against the emulator would show whether batching pays.
    private async Task<PreparedRecord[]> PrepareAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 1)
        {
            return [await preparer.PrepareAsync(batch[0], cancellationToken)];
        }

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
        return prepared;
    }

    /// <summary>Normalises one record and starts producing its event; failures become a dead letter sent later in order.</summary>
    private async Task<RecordOutput> StartAsync(PreparedRecord prepared, BatchMessageStates batchStates, CancellationToken cancellationToken)
    {
        var source = prepared.Source;
        var output = new RecordOutput(source);
        using var activity = WorkerActivity.StartProcess(source);
        if (prepared.SkipReason is { } skipped)
        {
            Skip(source, RecordKinds.Lifecycle, skipped);
            return output;
        }

        if (prepared.Input is not { } input)
        {
            output.DeadLetter(prepared.FailureCategory, prepared.FailureReason ?? "unknown failure", prepared.Failure);
            return output;
        }

        try
        {
            await NormalizeAndStartAsync(input, output, batchStates, cancellationToken);
        }
        catch (InvalidRecordException ex)
        {
            output.DeadLetter("invalid_record", ex.Message, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not KafkaException)
        {
            output.DeadLetter("internal_error", $"Normalising the record failed: {ex.GetType().Name}: {ex.Message}", ex);
        }

        return output;
    }

    private async Task NormalizeAndStartAsync(NormalizationInput input, RecordOutput output, BatchMessageStates batchStates, CancellationToken cancellationToken)
    {
        var record = input.Record;
        var messageId = record.Kind == RecordKinds.Message ? MessageIdOf(input) : null;
        if (messageId is not null && string.Equals(record.ChangeType, "updated", StringComparison.OrdinalIgnoreCase))
        {
            input = input with { PreviousState = await batchStates.GetAsync(record.TenantId, record.MailboxId, messageId, cancellationToken) };
        }

        var result = EventNormalizer.Normalize(input);
        if (result.Event is not { } normalized)
        {
            Skip(output.Source, record.Kind, result.SkipReason ?? "no event");
            return;
        }

        var message = OutputPublisher.CreateEventMessage(normalized, output.Source, record.ReceivedAt);
        output.EventStarted(normalized, message, publisher.StartEvent(message, cancellationToken));
        if (messageId is null)
        {
            return;
        }

        // Later records of this batch classify their updates against this write before it is stored.
        // NOTE: if this event is then dead-lettered as too large, its write is dropped but those
        // later records were already classified as if it had been stored.
        output.StateWrite = StateWriteOf(input, messageId, normalized.Payload.Action);
        if (output.StateWrite is { Metadata: { } metadata })
        {
            batchStates.Set(record.TenantId, record.MailboxId, messageId, metadata);
        }
        else if (output.StateWrite is not null)
        {
            batchStates.Delete(record.TenantId, record.MailboxId, messageId);
        }
    }

    /// <summary>
    /// Awaits each event's acknowledgement in the order the events were started and sends the dead
    /// letters. After the first failed delivery every later event of the batch is produced again,
    /// one at a time, so the last copy of each event is still in that order. Consumers already see
    /// duplicates after a redelivery, so a duplicate here adds no new case.
    /// </summary>
    private async Task AwaitDeliveriesAsync(RecordOutput[] outputs, CancellationToken cancellationToken)
    {
        var republishing = false;
        foreach (var output in outputs)
        {
            if (output is { Delivery: { } delivery, EventMessage: { } message, Event: { } normalized })
            {
                switch (await DeliveryFailureAsync(delivery))
                {
                    case null:
                        break;
                    case ProduceException<string, byte[]> tooLarge when OutputPublisher.IsTooLarge(tooLarge):
                        output.DeadLetter("event_too_large", "The normalised event exceeds the producer's message.max.bytes (Kafka:Producer).", tooLarge);
                        break;
                    case ProduceException<string, byte[]> failed when !failed.Error.IsFatal:
                        publisher.DeliveryFailed(failed);
                        republishing = true;
                        break;
                    case { } fatal:
                        ExceptionDispatchInfo.Throw(fatal);
                        break;
                }

                if (output.DeadLetterCategory is null)
                {
                    if (republishing)
                    {
                        await publisher.RepublishEventAsync(message, cancellationToken);
                    }

                    publisher.EventDelivered(normalized, message);
                }
            }

            if (output.DeadLetterCategory is { } category)
            {
                await DeadLetterAsync(output, category, cancellationToken);
            }
        }
    }

    private static async Task<Exception?> DeliveryFailureAsync(Task<DeliveryResult<string, byte[]>> delivery)
    {
        try
        {
            await delivery;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Sends every state write of the batch before awaiting any reply, so they share one round trip.</summary>
    private async Task SaveStatesAsync(RecordOutput[] outputs)
    {
        var writes = new List<(MessageStateWrite Write, Task Task)>();
        foreach (var write in outputs.Select(output => output.StateWrite).OfType<MessageStateWrite>())
        {
            var task = write.Metadata is { } metadata
                ? states.SetAsync(write.TenantId, write.MailboxId, write.MessageId, metadata)
                : states.DeleteAsync(write.TenantId, write.MailboxId, write.MessageId);
            writes.Add((write, task));
        }

        foreach (var (write, task) in writes)
        {
            try
            {
                await task;
            }
            catch (StackExchange.Redis.RedisException ex)
            {
                // The event is already published; a lost state entry only makes the next update of this message email_updated.
                WorkerLog.MessageStateNotSaved(logger, write.MailboxId, write.MessageId, ex);
            }
        }
    }

    private static MessageStateWrite? StateWriteOf(NormalizationInput input, string messageId, string action)
    {
        var record = input.Record;
        if (action == Contracts.Events.EventActions.EmailDeleted)
        {
            return new MessageStateWrite(record.TenantId, record.MailboxId, messageId, null);
        }

        var metadata = input.FetchedMetadata
            ?? (record.ResourceData is { } data ? MessageMetadataReader.Read(data) : null);
        return metadata is null ? null : new MessageStateWrite(record.TenantId, record.MailboxId, messageId, metadata);
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

    private async Task DeadLetterAsync(RecordOutput output, string category, CancellationToken cancellationToken)
    {
        var source = output.Source;
        var reason = output.DeadLetterReason ?? "unknown failure";
        WorkerLog.DeadLettered(logger, source.Topic, source.Partition.Value, source.Offset.Value, reason, output.Failure);
        await publisher.PublishDeadLetterAsync(source, category, reason, cancellationToken);
    }
}
