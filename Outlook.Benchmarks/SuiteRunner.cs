using Outlook.Benchmarks.Reporting;
using Outlook.Benchmarks.Suites;

namespace Outlook.Benchmarks;

/// <summary>Runs one suite (or all) and writes its JSON and markdown results.</summary>
internal static class SuiteRunner
{
    public static readonly IReadOnlyList<string> Suites = ["webhook", "bare", "sustainable", "e2e", "scaling", "worker", "normalizer", "soak", "all"];

    public const string Usage = """
        Usage: dotnet run --project Outlook.Benchmarks -c Release -- SUITE [--name value ...]

        Suites (rates are notifications per second; each load stops by itself; all traffic goes to 127.0.0.1):
          webhook      webhook and bare Kestrel: throughput limit (closed loop) and ack latency (open loop)
                       --rate 2000 --duration 30 --items 1,10 --connections 128 --saturation-seconds 15
          bare         the same against bare Kestrel only
          sustainable  highest rate with ack p99 under --p99-ms 100 for --duration 60 s per step
                       --start 1000 --max 16000 --steps 6 --items 1 --target webhook|bare --workers 0
          e2e          webhook + worker, receive time to event on outlook.events
                       --rates 2000 --duration 60 --workers 1 --items 1
          scaling      e2e with 1 and then 2 worker replicas (--rates 2000 --duration 60)
          worker       the worker process alone draining --records 30000 pre-enriched records
          normalizer   BenchmarkDotNet on the normaliser (--job default|short)
          soak         e2e for --duration 600 s at --rates 1000, RSS sampled every --sample-seconds 5
          all          every suite above with its defaults, except personas-eval
          personas-eval [CORPUS_PATH]  detection recall and false alerts on the corpus

        Common: --output DIR (default Outlook.Benchmarks/results) --partitions 12 --subscriptions 1000
        Build first: dotnet build Outlook.Benchmarks -c Release
        """;

    public static async Task<int> RunAsync(string suite, string[] arguments)
    {
        var options = new BenchmarkOptions(arguments);
        var root = BenchmarkRunnerPaths.RepositoryRoot();
        var output = options.Text("output", Path.Combine(root, "Outlook.Benchmarks", "results"));
        var report = new BenchmarkReport(suite, arguments);

        // Ctrl+C stops the load early; the stack is still torn down and what was measured is written.
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var context = new SuiteContext(options, report, root, cancellation.Token);
        try
        {
            await RunSuiteAsync(context, suite);
        }
        finally
        {
            Console.WriteLine($"Results: {report.Write(output)}");
        }

        return 0;
    }

    private static async Task RunSuiteAsync(SuiteContext context, string suite)
    {
        var options = context.Options;
        switch (suite)
        {
            case "webhook":
                await WebhookSuite.RunAsync(context, ["webhook", "bare"]);
                break;
            case "bare":
                await WebhookSuite.RunAsync(context, ["bare"]);
                break;
            case "sustainable":
                await SustainableSuite.RunAsync(context);
                break;
            case "e2e":
                await EndToEndSuite.RunAsync(context, "end-to-end", options.Integer("workers", 1), options.Numbers("rates", "2000"), options.Seconds("duration", 60));
                break;
            case "scaling":
                await RunScalingAsync(context);
                break;
            case "worker":
                await WorkerSuite.RunAsync(context);
                break;
            case "normalizer":
                NormalizerSuite.Run(context);
                break;
            case "soak":
                await EndToEndSuite.RunAsync(context, "soak", options.Integer("workers", 1), options.Numbers("rates", "1000"), options.Seconds("duration", 600));
                break;
            case "all":
                foreach (var each in Suites.Where(name => name is not "all" and not "bare"))
                {
                    await RunSuiteAsync(context, each);
                }

                break;
            default:
                throw new ArgumentException($"Unknown suite '{suite}'.", nameof(suite));
        }
    }

    private static async Task RunScalingAsync(SuiteContext context)
    {
        var rates = context.Options.Numbers("rates", "2000");
        var duration = context.Options.Seconds("duration", 60);
        await EndToEndSuite.RunAsync(context, "scaling", 1, rates, duration);
        await EndToEndSuite.RunAsync(context, "scaling", 2, rates, duration);
    }
}
