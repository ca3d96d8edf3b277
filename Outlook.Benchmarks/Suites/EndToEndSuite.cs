using System.Globalization;
using Outlook.Benchmarks.Infrastructure;
using Outlook.Benchmarks.Load;
using Outlook.Benchmarks.Reporting;

namespace Outlook.Benchmarks.Suites;

/// <summary>
/// Webhook and worker together: notifications at a fixed rate through the webhook, and the time
/// from the webhook's receive time to each normalised event's arrival on outlook.events. Also
/// serves the scaling run (several worker replicas) and the soak (a long run with memory sampled).
/// </summary>
internal static class EndToEndSuite
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan AssignmentLimit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(SuiteContext context, string name, int workers, IReadOnlyList<double> rates, TimeSpan duration)
    {
        var options = context.Options;
        var items = options.Integer("items", 1);
        var sampleInterval = options.Seconds("sample-seconds", 5);

        var (stack, payloads) = await context.StartStackAsync(name);
        await using var _ = stack;
        await stack.StartWebhookAsync(context.CancellationToken);
        for (var index = 0; index < workers; index++)
        {
            await stack.StartWorkerAsync(context.CancellationToken);
        }

        // A replica that joins later gets its partitions only after the group rebalances.
        if (!await PartitionAssignments.WaitUntilEveryWorkerOwnsAsync(stack.Workers, AssignmentLimit, context.CancellationToken))
        {
            SuiteContext.Log($"{name}: not every worker owns a partition after {AssignmentLimit.TotalSeconds} s ({PartitionAssignments.Describe(stack.Workers)}); running anyway");
        }

        using var generator = new NotificationLoadGenerator(payloads);
        var endpoint = SuiteContext.NotificationsUrl(stack.WebhookUrl!);
        await WarmUpAsync(context, stack, generator, endpoint);

        var rows = new List<object>();
        var markdown = new System.Text.StringBuilder()
            .AppendLine("| workers | offered items/s | POSTs ok / failed | items rejected | events / items sent | ack p50 / p99 / max ms | end-to-end p50 / p99 / p99.9 / max ms | max worker lag (records) | lost to retention | partitions per worker |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        var memory = new List<ProcessMemory>();
        foreach (var rate in rates)
        {
            var processes = stack.Processes.Select(process => (process.Name, process.ProcessId)).Append(ResourceSampler.Self).ToList();
            using var sampler = new ResourceSampler(processes, sampleInterval);
            using var tap = new EventTap(stack.KafkaBootstrap, context.PartitionCount);
            using var lag = new ConsumerLagMonitor(stack.KafkaBootstrap, "outlook-worker", context.PartitionCount);

            SuiteContext.Log($"{name}: {rate} items/s for {duration.TotalSeconds} s with {workers} worker(s)");
            var load = await generator.RunOpenLoopAsync("webhook", endpoint, rate / items, items, duration, context.CancellationToken);
            var expected = (load.Accepted * items) - load.ItemsRejected;
            var seen = await tap.WaitForAsync(expected, DrainLimit, context.CancellationToken);
            memory = sampler.Summarize();
            var endToEnd = tap.EndToEnd.Summarize();
            SuiteContext.Log($"{name}: {seen} of {expected} events, end-to-end p99 {endToEnd.P99Ms} ms");

            var partitionsPerWorker = PartitionAssignments.Describe(stack.Workers);
            rows.Add(new { workers, rate, load, expectedEvents = expected, events = seen, eventsWithoutReceivedAt = tap.MissingHeader, endToEnd, maxWorkerLagRecords = lag.MaxLagRecords, recordsLostToRetention = lag.RecordsLostToRetention, partitionsPerWorker, memory });
            markdown.AppendLine(CultureInfo.InvariantCulture,
                $"| {workers} | {Tables.Format(rate)} | {load.Accepted} / {load.Failed} | {load.ItemsRejected} | {seen} / {expected} | {load.Latency.P50Ms} / {load.Latency.P99Ms} / {load.Latency.MaxMs} | {endToEnd.P50Ms} / {endToEnd.P99Ms} / {endToEnd.P999Ms} / {endToEnd.MaxMs} | {lag.MaxLagRecords} | {lag.RecordsLostToRetention} | {partitionsPerWorker} |");
        }

        markdown.AppendLine().AppendLine("Memory and CPU over the last rate:").AppendLine().Append(Tables.Memory(memory));
        context.Report.Add($"{name}: {workers} worker(s), {items} item(s) per POST, {duration.TotalSeconds} s per rate", rows, markdown.ToString());
    }

    /// <summary>Sends a few hundred notifications and waits until their events arrive, so the worker has joined its group and JIT-compiled its path.</summary>
    private static async Task WarmUpAsync(SuiteContext context, LocalStack stack, NotificationLoadGenerator generator, Uri endpoint)
    {
        using var tap = new EventTap(stack.KafkaBootstrap, context.PartitionCount);
        SuiteContext.Log("warming up: 1,500 notifications, waiting for their events");
        var warmUp = await generator.RunOpenLoopAsync("webhook", endpoint, 300, 1, TimeSpan.FromSeconds(5), context.CancellationToken);
        var seen = await tap.WaitForAsync(warmUp.Accepted, TimeSpan.FromSeconds(90), context.CancellationToken);
        if (seen < warmUp.Accepted)
        {
            throw new TimeoutException($"Only {seen} of {warmUp.Accepted} warm-up events reached {Outlook.Contracts.Topics.Events} within 90 s; see the worker logs in {stack.LogDirectory}.");
        }
    }
}
