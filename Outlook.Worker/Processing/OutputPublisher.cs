using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Outlook.Contracts;
using Outlook.Contracts.Events;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker.Processing;

/// <summary>
/// Produces events and dead letters through the shared producer (idempotent, acks=all). Events
/// are started without waiting so a batch is in flight together, and the caller awaits their
/// acknowledgements. A failed produce is retried until it succeeds or the worker stops, because
/// storing the offset without the output would lose the change.
/// </summary>
internal sealed class OutputPublisher(IProducer<string, byte[]> producer, WorkerMetrics metrics, TimeProvider time, ILogger<OutputPublisher> logger)
{
    private static readonly TimeSpan MaxProduceBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Builds the record of one event: keyed by TUID, with the webhook's receive time and trace context copied from the source.</summary>
    public static Message<string, byte[]> CreateEventMessage(NormalizedEvent normalized, ConsumeResult<string, byte[]> source, DateTimeOffset receivedAt)
    {
        var headers = new Headers();
        var receivedHeader = Header(source, KafkaHeaderNames.ReceivedAt)
            ?? Encoding.ASCII.GetBytes(receivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        headers.Add(KafkaHeaderNames.ReceivedAt, receivedHeader);
        CopyHeader(source, headers, KafkaHeaderNames.TraceParent);
        CopyHeader(source, headers, KafkaHeaderNames.TraceState);

        return new Message<string, byte[]>
        {
            Key = normalized.Tuid,
            Value = JsonSerializer.SerializeToUtf8Bytes(normalized, EventJsonContext.Default.NormalizedEvent),
            Headers = headers,
        };
    }

    /// <summary>
    /// Starts producing an event without waiting for its acknowledgement, so a batch's events are
    /// in flight together. The idempotent producer keeps them in order per partition. An error
    /// that the producer raises at once is returned as a faulted task, like a failed delivery.
    /// </summary>
    public Task<DeliveryResult<string, byte[]>> StartEvent(Message<string, byte[]> message, CancellationToken cancellationToken)
    {
        try
        {
            return producer.ProduceAsync(Topics.Events, message, cancellationToken);
        }
        catch (Exception ex) when (ex is KafkaException or ArgumentException)
        {
            return Task.FromException<DeliveryResult<string, byte[]>>(ex);
        }
    }

    /// <summary>Produces an event again after a failed delivery, retrying until Kafka acknowledges it or the worker stops.</summary>
    public Task RepublishEventAsync(Message<string, byte[]> message, CancellationToken cancellationToken) =>
        ProduceWithRetryAsync(Topics.Events, message, cancellationToken);

    /// <summary>Counts an acknowledged event and records its end-to-end latency from the webhook's receive time.</summary>
    public void EventDelivered(NormalizedEvent normalized, Message<string, byte[]> message)
    {
        metrics.EventPublished(normalized.Payload.Action);
        if (message.Headers.TryGetLastBytes(KafkaHeaderNames.ReceivedAt, out var receivedHeader) && ParseUnixMilliseconds(receivedHeader) is { } received)
        {
            metrics.EndToEnd(time.GetUtcNow() - received);
        }
    }

    /// <summary>Logs a failed delivery that is about to be produced again.</summary>
    public void DeliveryFailed(ProduceException<string, byte[]> failure) =>
        WorkerLog.ProduceRetrying(logger, Topics.Events, failure.Error.Reason, TimeSpan.Zero);

    public async Task PublishDeadLetterAsync(ConsumeResult<string, byte[]> source, string category, string reason, CancellationToken cancellationToken)
    {
        var headers = new Headers();
        foreach (var header in source.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(KafkaHeaderNames.DeadLetterReason, Encoding.UTF8.GetBytes(reason));
        headers.Add(KafkaHeaderNames.DeadLetterSource, Encoding.UTF8.GetBytes($"{source.Topic}/{source.Partition.Value}/{source.Offset.Value}"));

        var message = new Message<string, byte[]> { Key = source.Message.Key, Value = DeadLetterRedactor.Redact(source.Message.Value), Headers = headers };
        try
        {
            await ProduceWithRetryAsync(Topics.DeadLetter, message, cancellationToken);
        }
        catch (ProduceException<string, byte[]> ex) when (IsTooLarge(ex))
        {
            // A copy cannot exceed the producer's message.max.bytes, and retrying it would stall the
            // partition. The letter keeps key and headers, and the value stays at its source offset.
            headers.Add(KafkaHeaderNames.DeadLetterReason, Encoding.UTF8.GetBytes(
                $"The record value of {source.Message.Value?.Length ?? 0} bytes is too large to copy here; read it at the source offset."));
            await ProduceWithRetryAsync(Topics.DeadLetter, new Message<string, byte[]> { Key = message.Key, Value = [], Headers = headers }, cancellationToken);
        }

        metrics.DeadLettered(category);
    }

    private async Task ProduceWithRetryAsync(string topic, Message<string, byte[]> message, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await producer.ProduceAsync(topic, message, cancellationToken);
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (!ex.Error.IsFatal && !IsTooLarge(ex))
            {
                WorkerLog.ProduceRetrying(logger, topic, ex.Error.Reason, backoff);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxProduceBackoff.Ticks));
            }
        }
    }

    /// <summary>True when the message can never be produced as it is, so retrying it is pointless.</summary>
    public static bool IsTooLarge(ProduceException<string, byte[]> ex) => ex.Error.Code is ErrorCode.MsgSizeTooLarge;

    private static byte[]? Header(ConsumeResult<string, byte[]> source, string name) =>
        source.Message.Headers is { } headers && headers.TryGetLastBytes(name, out var value) ? value : null;

    private static void CopyHeader(ConsumeResult<string, byte[]> source, Headers target, string name)
    {
        if (Header(source, name) is { } value)
        {
            target.Add(name, value);
        }
    }

    private static DateTimeOffset? ParseUnixMilliseconds(byte[] value) =>
        long.TryParse(Encoding.ASCII.GetString(value), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
        && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
}
