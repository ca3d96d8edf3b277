using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outlook.ServiceDefaults.Kafka;

/// <summary>
/// Builds Kafka producers and consumers from <see cref="KafkaClientOptions"/>, with librdkafka's
/// log and error callbacks routed to <see cref="ILogger"/>.
/// </summary>
public sealed class KafkaClientFactory(IOptions<KafkaClientOptions> options, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Outlook.Kafka");

    /// <summary>
    /// Creates producer settings: idempotent with acks=all, so a retried send neither duplicates
    /// nor reorders. A linger.ms under Kafka:Producer wins over <paramref name="lingerMs"/>.
    /// </summary>
    public ProducerConfig CreateProducerConfig(int lingerMs = 2)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.Value.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = lingerMs,
            MessageTimeoutMs = 30_000,
            StatisticsIntervalMs = 0,
        };
        foreach (var (key, value) in options.Value.Producer)
        {
            config.Set(key, value);
        }

        return config;
    }

    /// <summary>Consumer settings: offsets are stored by the caller after its output is durable, never automatically.</summary>
    public ConsumerConfig CreateConsumerConfig(string groupId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.Value.BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            FetchWaitMaxMs = 10,

            // librdkafka prefetches up to 64 MB per consumer by default (queued.max.messages.kbytes
            // 65536) and fetches up to 50 MB per request. Every consumer here works through a
            // bounded number of records at a time, so a prefetch that large only takes memory.
            QueuedMaxMessagesKbytes = 8 * 1024,
            FetchMaxBytes = 4 * 1024 * 1024,
        };
        foreach (var (key, value) in options.Value.Consumer)
        {
            config.Set(key, value);
        }

        return config;
    }

    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>(ProducerConfig? config = null) =>
        new ProducerBuilder<TKey, TValue>(config ?? CreateProducerConfig())
            .SetLogHandler((_, message) => LogLibrdkafka(message))
            .SetErrorHandler((_, error) => LogError(error))
            .Build();

    /// <summary>Returns a consumer builder with logging wired; the caller adds its rebalance handlers and builds it.</summary>
    public ConsumerBuilder<TKey, TValue> CreateConsumerBuilder<TKey, TValue>(ConsumerConfig config) =>
        new ConsumerBuilder<TKey, TValue>(config)
            .SetLogHandler((_, message) => LogLibrdkafka(message))
            .SetErrorHandler((_, error) => LogError(error));

    public IAdminClient CreateAdminClient() =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.Value.BootstrapServers })
            .SetLogHandler((_, message) => LogLibrdkafka(message))
            .Build();

    private void LogLibrdkafka(LogMessage message)
    {
        var level = ToLogLevel(message.Level);
        if (_logger.IsEnabled(level))
        {
            KafkaLog.Librdkafka(_logger, level, message.Name, message.Facility, message.Message);
        }
    }

    private void LogError(Error error)
    {
        if (error.IsFatal)
        {
            KafkaLog.FatalError(_logger, error.Code, error.Reason);
        }
        else
        {
            KafkaLog.TransientError(_logger, error.Code, error.Reason);
        }
    }

    private static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
