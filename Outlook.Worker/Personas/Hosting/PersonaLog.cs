namespace Outlook.Worker.Personas.Hosting;

internal static partial class PersonaLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Persona consumer subscribed to {Topic} as group {GroupId}")]
    public static partial void Subscribed(ILogger logger, string topic, string groupId);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Persona consumer assigned partitions {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string partitions);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "Persona consumer lost or revoked partitions {Partitions}")]
    public static partial void PartitionsRevoked(ILogger logger, string partitions);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Event at {Topic}/{Partition}@{Offset} is invalid and was dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "Event at {Topic}/{Partition}@{Offset} failed and will be retried in {RetryDelay}")]
    public static partial void RetryingEvent(ILogger logger, Exception exception, string topic, int partition, long offset, TimeSpan retryDelay);

    [LoggerMessage(EventId = 905, Level = LogLevel.Information, Message = "Alert {AlertId} from {DetectorId} for TUID {Tuid}: count {Count}, severity {Severity}")]
    public static partial void AlertProduced(ILogger logger, string alertId, string detectorId, string tuid, int count, string severity);

    [LoggerMessage(EventId = 906, Level = LogLevel.Debug, Message = "Persona {Tuid} changed while event {Offset} was applied; reloading")]
    public static partial void VersionConflict(ILogger logger, string tuid, long offset);

    [LoggerMessage(EventId = 907, Level = LogLevel.Warning, Message = "Offset {Offset} of partition {Partition} could not be stored, it will be redelivered: {Reason}")]
    public static partial void OffsetNotStored(ILogger logger, int partition, long offset, string reason);

    [LoggerMessage(EventId = 908, Level = LogLevel.Information, Message = "Persona consumer stopped")]
    public static partial void Stopped(ILogger logger);
}
