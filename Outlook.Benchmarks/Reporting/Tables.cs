using System.Globalization;
using System.Text;
using Outlook.Benchmarks.Infrastructure;
using Outlook.Benchmarks.Load;

namespace Outlook.Benchmarks.Reporting;

/// <summary>Markdown tables of load and memory results.</summary>
internal static class Tables
{
    public static string Load(IEnumerable<LoadResult> results)
    {
        var table = new StringBuilder()
            .AppendLine("| target | mode | items/POST | offered items/s | achieved items/s | POSTs ok | failed | items rejected | p50 ms | p99 ms | p99.9 ms | max ms |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            var offered = result.OfferedPostsPerSecond > 0 ? Format(result.OfferedItemsPerSecond) : "max";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Target} | {result.Mode} | {result.ItemsPerPost} | {offered} | {Format(result.AchievedItemsPerSecond)} | {result.Accepted} | {result.Failed} | {result.ItemsRejected} | {result.Latency.P50Ms} | {result.Latency.P99Ms} | {result.Latency.P999Ms} | {result.Latency.MaxMs} |");
        }

        return table.ToString();
    }

    public static string Memory(IEnumerable<ProcessMemory> processes)
    {
        var table = new StringBuilder()
            .AppendLine("| process | RSS at start MB | peak RSS (VmHWM) MB | RSS at end MB | growth MB | CPU s | wall s | CPU cores used |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var process in processes)
        {
            var cores = process.WallSeconds > 0 ? process.CpuSeconds / process.WallSeconds : 0;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {process.Process} | {process.StartRssMb} | {process.PeakRssMb} | {process.EndRssMb} | {Math.Round(process.EndRssMb - process.StartRssMb, 1)} | {process.CpuSeconds} | {process.WallSeconds} | {cores:0.00} |");
        }

        return table.ToString();
    }

    public static string Format(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
