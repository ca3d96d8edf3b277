using Confluent.Kafka;
using Outlook.Benchmarks.Infrastructure;
using Outlook.Benchmarks.Load;
using Outlook.Contracts;

namespace Outlook.Benchmarks.Suites;

/// <summary>
/// The whole worker process alone: a backlog of pre-enriched records is produced to
/// outlook.notifications first, then the worker starts and drains it. The rate counts from the
/// first event to the last, and CPU seconds over the same span give records per CPU-second.
/// </summary>
internal static class WorkerSuite
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(SuiteContext context)
    {
        // 30,000 records of about 1.2 KB over 12 partitions is about 3.1 MB per partition: below
        // the mock cluster's retention of about 5 MB, which the low watermarks below confirm.
        var count = context.Options.Integer("records", 30_000);
        var workers = context.Options.Integer("workers", 1);
        var (stack, payloads) = await context.StartStackAsync("worker");
        await using var _ = stack;

        SuiteContext.Log($"producing {count} records to {Topics.Notifications}");
        long producedBytes = 0;
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = stack.KafkaBootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
        }).Build())
        {
            var receivedAt = DateTimeOffset.UtcNow;
            for (long sequence = 0; sequence < count; sequence++)
            {
                var message = NotificationRecords.ToMessage(NotificationRecords.Create(payloads, sequence, receivedAt));
                producedBytes += message.Value.Length;
                while (true)
                {
                    try
                    {
                        producer.Produce(Topics.Notifications, message);
                        break;
                    }
                    catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                    {
                        producer.Poll(TimeSpan.FromMilliseconds(100));
                    }
                }
            }

            producer.Flush(context.CancellationToken);
        }

        var lowWatermarks = LowWatermarkSum(stack.KafkaBootstrap, context.PartitionCount);
        using var tap = new EventTap(stack.KafkaBootstrap, context.PartitionCount);
        SuiteContext.Log($"starting {workers} worker(s)");
        for (var index = 0; index < workers; index++)
        {
            await stack.StartWorkerAsync(context.CancellationToken);
        }

        // CPU time is read when the first event arrives and when the last does, so start-up is left out.
        var drainStart = DateTimeOffset.UtcNow;
        TimeSpan? cpuAtFirst = null;
        while (tap.Count < count && DateTimeOffset.UtcNow - drainStart < DrainLimit)
        {
            if (cpuAtFirst is null && tap.Count > 0)
            {
                cpuAtFirst = WorkerCpu(stack);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), context.CancellationToken);
        }

        var cpuAtLast = WorkerCpu(stack);
        var peakRssMegabytes = stack.Workers.Sum(worker => worker.ReadStats()?.PeakRssBytes ?? 0) / (1024.0 * 1024.0);
        var cpuSeconds = (cpuAtLast - (cpuAtFirst ?? TimeSpan.Zero)).TotalSeconds;
        var span = tap.SpanSeconds;
        var perSecond = span > 0 ? (tap.Count - 1) / span : 0;
        var perCpuSecond = cpuSeconds > 0 ? tap.Count / cpuSeconds : 0;
        var result = new
        {
            records = count,
            events = tap.Count,
            workers,
            averageRecordBytes = producedBytes / count,
            recordsDroppedBeforeConsumption = lowWatermarks,
            drainSeconds = Math.Round(span, 2),
            eventsPerSecond = Math.Round(perSecond),
            workerCpuSeconds = Math.Round(cpuSeconds, 2),
            eventsPerCpuSecond = Math.Round(perCpuSecond),
            workerPeakRssMegabytes = Math.Round(peakRssMegabytes, 1),
        };
        var markdown = $"""
            | records | events | workers | dropped by retention before consumption | drain s | events/s | worker CPU s | events per CPU-second | worker peak RSS (VmHWM) MB |
            |---|---|---|---|---|---|---|---|---|
            | {count} | {tap.Count} | {workers} | {lowWatermarks} | {result.drainSeconds} | {result.eventsPerSecond} | {result.workerCpuSeconds} | {result.eventsPerCpuSecond} | {result.workerPeakRssMegabytes} |
            """;
        context.Report.Add("worker alone: drain a backlog of pre-enriched records", result, markdown);
    }

    private static TimeSpan WorkerCpu(LocalStack stack) =>
        stack.Workers.Select(worker => worker.ReadStats()?.CpuTime ?? TimeSpan.Zero).Aggregate(TimeSpan.Zero, (sum, value) => sum + value);

    /// <summary>Sums the low watermarks of outlook.notifications: records retention dropped before anything read them.</summary>
    private static long LowWatermarkSum(string bootstrapServers, int partitionCount)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "bench-watermarks" }).Build();
        return Enumerable.Range(0, partitionCount)
            .Sum(partition => consumer.QueryWatermarkOffsets(new TopicPartition(Topics.Notifications, partition), TimeSpan.FromSeconds(10)).Low.Value);
    }
}
