using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outlook.Benchmarks.Infrastructure;

namespace Outlook.Benchmarks.Reporting;

/// <summary>Collects a run's results and writes them as JSON (every figure) and markdown (the tables).</summary>
internal sealed class BenchmarkReport(string suite, IReadOnlyList<string> arguments)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly double _loadAtStart = ProcessStats.LoadAverage();
    private readonly JsonArray _results = [];
    private readonly StringBuilder _markdown = new();

    public void Add(string name, object result, string markdown)
    {
        var node = JsonSerializer.SerializeToNode(result, result.GetType(), JsonOptions)!;
        _results.Add(new JsonObject
        {
            ["name"] = name,
            ["finishedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["loadAverage1m"] = ProcessStats.LoadAverage(),
            ["result"] = node,
        });
        _markdown.AppendLine(CultureInfo.InvariantCulture, $"### {name}").AppendLine().AppendLine(markdown).AppendLine();
        Console.WriteLine($"### {name}");
        Console.WriteLine(markdown);
        Console.WriteLine();
    }

    /// <summary>Writes results/SUITE-TIMESTAMP.json and .md under <paramref name="directory"/> and returns the JSON path.</summary>
    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = _started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var basePath = Path.Combine(directory, $"{suite}-{stamp}");
        var command = $"dotnet run --project Outlook.Benchmarks -c Release -- {suite} {string.Join(' ', arguments)}".TrimEnd();
        var machine = MachineDescription();

        var document = new JsonObject
        {
            ["suite"] = suite,
            ["command"] = command,
            ["startedAt"] = _started.ToString("O", CultureInfo.InvariantCulture),
            ["finishedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["loadAverage1mAtStart"] = _loadAtStart,
            ["loadAverage1mAtEnd"] = ProcessStats.LoadAverage(),
            ["machine"] = machine,
            ["results"] = _results,
        };
        File.WriteAllText(basePath + ".json", document.ToJsonString(JsonOptions));

        var header = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## {suite} ({_started:yyyy-MM-dd HH:mm} UTC)")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine["cpu"]}, {machine["cores"]} cores, {machine["memoryGb"]} GB RAM, {machine["runtime"]}; 1-minute load average {_loadAtStart:0.0} at start, {ProcessStats.LoadAverage():0.0} at end.")
            .AppendLine();
        File.WriteAllText(basePath + ".md", header.ToString() + _markdown);
        return basePath + ".json";
    }

    private static JsonObject MachineDescription()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return new JsonObject
        {
            ["cpu"] = cpu,
            ["cores"] = Environment.ProcessorCount,
            ["memoryGb"] = Math.Round(long.Parse(memoryKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1),
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        };
    }
}
