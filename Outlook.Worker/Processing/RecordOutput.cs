using Confluent.Kafka;
using Outlook.Contracts.Events;

namespace Outlook.Worker.Processing;

/// <summary>
/// The output of one record of a mailbox batch: nothing (skipped), an event whose delivery is in
/// flight, or a dead letter. It also carries the message-state write to make once the event is acknowledged.
/// </summary>
internal sealed class RecordOutput(ConsumeResult<string, byte[]> source)
{
    public ConsumeResult<string, byte[]> Source { get; } = source;

    public NormalizedEvent? Event { get; private set; }

    public Message<string, byte[]>? EventMessage { get; private set; }

    public Task<DeliveryResult<string, byte[]>>? Delivery { get; private set; }

    public string? DeadLetterCategory { get; private set; }

    public string? DeadLetterReason { get; private set; }

    public Exception? Failure { get; private set; }

    public MessageStateWrite? StateWrite { get; set; }

    public void EventStarted(NormalizedEvent normalized, Message<string, byte[]> message, Task<DeliveryResult<string, byte[]>> delivery)
    {
        Event = normalized;
        EventMessage = message;
        Delivery = delivery;
    }

    /// <summary>Sends the record to the dead-letter topic instead of its event, and drops its state write.</summary>
    public void DeadLetter(string category, string reason, Exception? failure)
    {
        DeadLetterCategory = category;
        DeadLetterReason = reason;
        Failure = failure;
        StateWrite = null;
    }
}
