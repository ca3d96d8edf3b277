using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Outlook.Benchmarks.Suites;

/// <summary>Runs <see cref="NormalizerBenchmarks"/> with BenchmarkDotNet, in process (no generated project to build), and reports events per second per core.</summary>
internal static class NormalizerSuite
{
    public static void Run(SuiteContext context)
    {
        var quick = context.Options.Text("job", "default") == "short";
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(context.LogDirectory, "BenchmarkDotNet"));
        var summary = BenchmarkRunner.Run<NormalizerBenchmarks>(config);

        var rows = new List<object>();
        var markdown = new StringBuilder()
            .AppendLine("| benchmark | mean ns | error ns | allocated B | events/s on one core |")
            .AppendLine("|---|---|---|---|---|");
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is not { } statistics)
            {
                continue;
            }

            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            var perSecond = 1e9 / statistics.Mean;
            rows.Add(new { name, meanNs = Math.Round(statistics.Mean, 1), errorNs = Math.Round(statistics.StandardError, 1), allocatedBytes = allocated, eventsPerSecondOneCore = Math.Round(perSecond) });
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {statistics.Mean:0.0} | {statistics.StandardError:0.0} | {allocated} | {perSecond:#,0} |");
        }

        context.Report.Add($"normaliser (BenchmarkDotNet, {(quick ? "ShortRun" : "default")} job, in-process)", rows, markdown.ToString());
    }
}
