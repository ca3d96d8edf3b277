using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Kafka;
using Outlook.Worker.Personas.Options;
using StackExchange.Redis;

namespace Outlook.Worker.Personas.Hosting;

/// <summary>
/// Reads outlook.events in its own consumer group and applies each record in partition order.
/// An offset is stored only after the persona and its alerts are durable; a failed record is
/// retried in place, so nothing after it is applied before it.
/// </summary>
internal sealed class PersonaConsumerService(
    KafkaClientFactory kafka,
    PersonaProcessor processor,
    PersonaTelemetry telemetry,
    IOptions<PersonaOptions> options,
    ILogger<PersonaConsumerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Consume blocks, so leave the host's start-up path first.
        await Task.Yield();

        var groupId = options.Value.ConsumerGroup;
        using var consumer = kafka.CreateConsumerBuilder<string, byte[]>(kafka.CreateConsumerConfig(groupId))
            .SetPartitionsAssignedHandler((_, partitions) => LogPartitions(assigned: true, partitions))
            .SetPartitionsRevokedHandler((_, partitions) => LogPartitions(assigned: false, partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => LogPartitions(assigned: false, partitions.Select(p => p.TopicPartition)))
            .Build();
        consumer.Subscribe(Topics.Events);
        PersonaLog.Subscribed(logger, Topics.Events, groupId);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var record = consumer.Consume(stoppingToken);
                if (record?.Message is not null)
                {
                    await ProcessUntilDoneAsync(consumer, record, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the offsets stored so far are committed by Close.
        }
        finally
        {
            consumer.Close();
            PersonaLog.Stopped(logger);
        }
    }

    private async Task ProcessUntilDoneAsync(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> record, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var outcome = await processor.ProcessAsync(record, stoppingToken);
                telemetry.EventHandled(outcome.ToString());
                StoreOffset(consumer, record);
                return;
            }
            catch (Exception ex) when (IsRetryable(ex) && !stoppingToken.IsCancellationRequested)
            {
                telemetry.EventHandled("Retried");
                PersonaLog.RetryingEvent(logger, ex, record.Topic, record.Partition.Value, record.Offset.Value, options.Value.RetryDelay);
                await Task.Delay(options.Value.RetryDelay, stoppingToken);
            }
        }
    }

    private void StoreOffset(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> record)
    {
        try
        {
            consumer.StoreOffset(record);
        }
        catch (KafkaException ex)
        {
            // The partition was revoked meanwhile; its new owner replays the record and the
            // persona's applied offset makes that replay a no-op.
            PersonaLog.OffsetNotStored(logger, record.Partition.Value, record.Offset.Value, ex.Error.Reason);
        }
    }

    /// <summary>
    /// Infrastructure failures are retried; a corrupt persona document (InvalidDataException,
    /// JsonException) is retried too, because skipping the event would lose it silently.
    /// </summary>
    private static bool IsRetryable(Exception ex) =>
        ex is RedisException or KafkaException or TimeoutException or InvalidOperationException
            or InvalidDataException or System.Text.Json.JsonException;

    private void LogPartitions(bool assigned, IEnumerable<TopicPartition> partitions)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var described = string.Join(", ", partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]"));
        if (assigned)
        {
            PersonaLog.PartitionsAssigned(logger, described);
        }
        else
        {
            PersonaLog.PartitionsRevoked(logger, described);
        }
    }
}
