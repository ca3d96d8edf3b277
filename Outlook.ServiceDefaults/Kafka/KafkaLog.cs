using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Outlook.ServiceDefaults.Kafka;

internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 100, Message = "librdkafka {ClientName} {Facility}: {LibrdkafkaMessage}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string clientName, string facility, string librdkafkaMessage);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Kafka client error {ErrorCode}: {Reason}")]
    public static partial void TransientError(ILogger logger, ErrorCode errorCode, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Critical, Message = "Kafka client fatal error {ErrorCode}: {Reason}")]
    public static partial void FatalError(ILogger logger, ErrorCode errorCode, string reason);
}
