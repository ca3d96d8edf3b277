using Outlook.Benchmarks.Load;
using Outlook.Benchmarks.Reporting;

namespace Outlook.Benchmarks.Suites;

/// <summary>
/// Webhook against bare Kestrel, in one run on one stack: the throughput limit of each
/// (closed loop, many connections) and acknowledgement latency at a fixed arrival rate (open loop),
/// with 1 and 10 notifications per POST. The worker is not running, so only the ack path is measured.
/// </summary>
internal static class WebhookSuite
{
    public static async Task RunAsync(SuiteContext context, IReadOnlyList<string> targets)
    {
        var options = context.Options;
        var rate = options.Number("rate", 2000);
        var duration = options.Seconds("duration", 30);
        var saturation = options.Seconds("saturation-seconds", 15);
        // The webhook keeps each request open until Kafka acknowledges it, so few connections measure
        // that wait. It reached 5,760 items/s at 32 connections and 8,623 at 128, and bare Kestrel
        // about 36,000 at both.
        var connections = options.Integer("connections", 128);
        var itemCounts = options.Numbers("items", "1,10").Select(value => (int)value).ToList();

        var (stack, payloads) = await context.StartStackAsync("webhook");
        await using var _ = stack;
        if (targets.Contains("webhook"))
        {
            await stack.StartWebhookAsync(context.CancellationToken);
        }

        if (targets.Contains("bare"))
        {
            await stack.StartBareAsync(context.CancellationToken);
        }

        using var generator = new NotificationLoadGenerator(payloads);
        var endpoints = targets.ToDictionary(
            target => target,
            target => SuiteContext.NotificationsUrl(target == "webhook" ? stack.WebhookUrl! : stack.BareUrl!));

        foreach (var (target, endpoint) in endpoints)
        {
            SuiteContext.Log($"warming up {target}");
            await generator.RunOpenLoopAsync(target, endpoint, 500, 1, TimeSpan.FromSeconds(5), context.CancellationToken);
        }

        var results = new List<LoadResult>();
        var limits = new Dictionary<(string, int), double>();
        foreach (var items in itemCounts)
        {
            // Unrecorded: the first seconds at a new payload size still run tier-0 JIT code.
            foreach (var (target, endpoint) in endpoints)
            {
                await generator.RunClosedLoopAsync(target, endpoint, connections, items, TimeSpan.FromSeconds(3), context.CancellationToken);
            }

            foreach (var (target, endpoint) in endpoints)
            {
                SuiteContext.Log($"{target}: closed loop, {connections} connections, {items} items per POST, {saturation.TotalSeconds} s");
                var limit = await generator.RunClosedLoopAsync(target, endpoint, connections, items, saturation, context.CancellationToken);
                limits[(target, items)] = limit.AchievedItemsPerSecond;
                results.Add(limit);
            }

            foreach (var (target, endpoint) in endpoints)
            {
                SuiteContext.Log($"{target}: open loop, {rate} items/s, {items} items per POST, {duration.TotalSeconds} s");
                results.Add(await generator.RunOpenLoopAsync(target, endpoint, rate / items, items, duration, context.CancellationToken));
            }
        }

        var markdown = Tables.Load(results);
        var ratios = new List<object>();
        if (endpoints.Count == 2)
        {
            var lines = new System.Text.StringBuilder().AppendLine().AppendLine("| items/POST | webhook limit items/s | bare limit items/s | ratio |").AppendLine("|---|---|---|---|");
            foreach (var items in itemCounts)
            {
                var ratio = limits[("webhook", items)] / limits[("bare", items)];
                ratios.Add(new { items, webhook = limits[("webhook", items)], bare = limits[("bare", items)], ratio = Math.Round(ratio, 3) });
                lines.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| {items} | {Tables.Format(limits[("webhook", items)])} | {Tables.Format(limits[("bare", items)])} | {ratio:0.00} |");
            }

            markdown += lines;
        }

        context.Report.Add("webhook and bare Kestrel", new { results, ratios }, markdown);
    }
}
