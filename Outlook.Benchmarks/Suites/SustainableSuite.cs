using Outlook.Benchmarks.Load;
using Outlook.Benchmarks.Reporting;

namespace Outlook.Benchmarks.Suites;

/// <summary>
/// Searches for the highest arrival rate at which acknowledgement p99 stays under a bound for a
/// whole step (60 s by default), with no failed request and the offered rate achieved. The rate
/// doubles from --start until a step fails, then bisects between the last pass and the first failure.
/// </summary>
internal static class SustainableSuite
{
    public static async Task RunAsync(SuiteContext context)
    {
        var options = context.Options;
        var target = options.Text("target", "webhook");
        var items = options.Integer("items", 1);
        var step = options.Seconds("duration", 60);
        var boundMs = options.Number("p99-ms", 100);
        var rate = options.Number("start", 1000);
        var maximum = options.Number("max", 16000);
        var steps = options.Integer("steps", 6);
        var workers = options.Integer("workers", 0);

        var (stack, payloads) = await context.StartStackAsync("sustainable");
        await using var _ = stack;
        Uri endpoint;
        if (target == "bare")
        {
            await stack.StartBareAsync(context.CancellationToken);
            endpoint = SuiteContext.NotificationsUrl(stack.BareUrl!);
        }
        else
        {
            await stack.StartWebhookAsync(context.CancellationToken);
            endpoint = SuiteContext.NotificationsUrl(stack.WebhookUrl!);
        }

        for (var index = 0; index < workers; index++)
        {
            await stack.StartWorkerAsync(context.CancellationToken);
        }

        using var generator = new NotificationLoadGenerator(payloads);
        await generator.RunOpenLoopAsync(target, endpoint, 500, 1, TimeSpan.FromSeconds(5), context.CancellationToken);

        var results = new List<LoadResult>();
        double? highestPass = null;
        double? lowestFail = null;
        for (var attempt = 0; attempt < steps && rate <= maximum; attempt++)
        {
            SuiteContext.Log($"{target}: trying {rate:0} items/s for {step.TotalSeconds} s");
            var result = await generator.RunOpenLoopAsync(target, endpoint, rate / items, items, step, context.CancellationToken);
            results.Add(result);
            var passed = result.Failed == 0
                && result.Latency.P99Ms < boundMs
                && result.AchievedItemsPerSecond >= 0.97 * rate;
            SuiteContext.Log($"{rate:0} items/s: p99 {result.Latency.P99Ms} ms, {(passed ? "sustained" : "not sustained")}");
            if (passed)
            {
                highestPass = rate;
            }
            else
            {
                lowestFail = rate;
            }

            rate = lowestFail is { } fail ? ((highestPass ?? 0) + fail) / 2 : rate * 2;
            rate = Math.Round(rate / 50) * 50;
            if (highestPass is { } pass && lowestFail is { } failed && failed - pass <= Math.Max(50, 0.05 * failed))
            {
                break;
            }
        }

        var summary = new { target, items, stepSeconds = step.TotalSeconds, p99BoundMs = boundMs, workers, sustainableItemsPerSecond = highestPass, lowestFailingItemsPerSecond = lowestFail, results };
        var markdown = Tables.Load(results)
            + $"\nHighest sustained rate: {(highestPass is { } value ? Tables.Format(value) + " items/s" : "none of the tried rates")}; lowest failing: {(lowestFail is { } low ? Tables.Format(low) + " items/s" : "none tried")}.\n";
        context.Report.Add($"maximum sustainable rate ({target}, {items} item(s) per POST, p99 < {boundMs} ms for {step.TotalSeconds} s)", summary, markdown);
    }
}
