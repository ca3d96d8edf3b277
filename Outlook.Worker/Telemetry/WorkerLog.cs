namespace Outlook.Worker.Telemetry;

internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Normaliser consuming {Topic} as group {GroupId}")]
    public static partial void Started(ILogger logger, string topic, string groupId);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Normaliser stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 502, Level = LogLevel.Critical, Message = "Normaliser consume loop failed and stopped")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "Partitions assigned: {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string partitions);

    [LoggerMessage(EventId = 504, Level = LogLevel.Information, Message = "Partitions revoked: {Partitions}")]
    public static partial void PartitionsRevoked(ILogger logger, string partitions);

    [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "Partitions lost: {Partitions}; their unfinished records will be redelivered to the new owner")]
    public static partial void PartitionsLost(ILogger logger, string partitions);

    [LoggerMessage(EventId = 506, Level = LogLevel.Warning, Message = "Record {Topic} [{Partition}] @{Offset} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string reason, Exception? exception);

    [LoggerMessage(EventId = 507, Level = LogLevel.Warning, Message = "Fetching message {MessageId} of mailbox {MailboxId} failed on attempt {Attempt} ({Reason}); retrying in {Delay}")]
    public static partial void FetchRetrying(ILogger logger, string mailboxId, string messageId, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 508, Level = LogLevel.Warning, Message = "Publishing to {Topic} failed ({Reason}); retrying in {Delay}")]
    public static partial void ProduceRetrying(ILogger logger, string topic, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 509, Level = LogLevel.Warning, Message = "Revoked partition {Partition} still had {Pending} unfinished records after {Timeout}; they will be redelivered")]
    public static partial void RevokeDrainTimedOut(ILogger logger, int partition, int pending, TimeSpan timeout);

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "Storing or committing offsets failed: {Reason}")]
    public static partial void OffsetCommitFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 511, Level = LogLevel.Debug, Message = "Record {Partition} @{Offset} of kind {Kind} produced no event: {Reason}")]
    public static partial void RecordSkipped(ILogger logger, int partition, long offset, string kind, string reason);

    [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "Saving the state of message {MessageId} of mailbox {MailboxId} failed; its next update is reported as email_updated")]
    public static partial void MessageStateNotSaved(ILogger logger, string mailboxId, string messageId, Exception exception);

    [LoggerMessage(EventId = 513, Level = LogLevel.Warning, Message = "Consuming failed: {Reason}")]
    public static partial void ConsumeFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 514, Level = LogLevel.Warning, Message = "Redis is unreachable; the record waits and the read is retried until Redis responds")]
    public static partial void RedisReadRetrying(ILogger logger, Exception exception);
}
