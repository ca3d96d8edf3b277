namespace Outlook.Contracts;

/// <summary>Kafka record header names carried from the webhook to the last consumer.</summary>
public static class KafkaHeaderNames
{
    /// <summary>When the webhook received the notification, as Unix milliseconds in ASCII digits.</summary>
    public const string ReceivedAt = "outlook-received-at";

    /// <summary>W3C trace context of the span that produced the record.</summary>
    public const string TraceParent = "traceparent";

    public const string TraceState = "tracestate";

    /// <summary>The record kind (see <see cref="RecordKinds"/>), so consumers can route without parsing.</summary>
    public const string RecordKind = "outlook-record-kind";

    /// <summary>Why a record was dead-lettered.</summary>
    public const string DeadLetterReason = "outlook-deadletter-reason";

    /// <summary>Topic, partition and offset the dead-lettered record came from.</summary>
    public const string DeadLetterSource = "outlook-deadletter-source";
}
