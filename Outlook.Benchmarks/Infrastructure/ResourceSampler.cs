namespace Outlook.Benchmarks.Infrastructure;

/// <summary>Samples RSS and CPU time of a set of processes at a fixed interval, keeping the whole series for the report.</summary>
internal sealed class ResourceSampler : IDisposable
{
    private readonly IReadOnlyList<(string Name, int ProcessId)> _processes;
    private readonly Dictionary<string, List<ResourceSample>> _series = [];
    private readonly Timer _timer;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly Lock _gate = new();

    public ResourceSampler(IReadOnlyList<(string Name, int ProcessId)> processes, TimeSpan interval)
    {
        _processes = processes;
        foreach (var (name, _) in processes)
        {
            _series[name] = [];
        }

        Sample();
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    public static (string, int) Self => ("benchmark (load generator + Kafka mock)", Environment.ProcessId);

    /// <summary>Returns per process: RSS at the first and last sample, the kernel's peak (VmHWM), and CPU seconds used between them.</summary>
    public List<ProcessMemory> Summarize()
    {
        Sample();
        lock (_gate)
        {
            return [.. _series.Where(pair => pair.Value.Count > 0).Select(pair => new ProcessMemory(
                pair.Key,
                Megabytes(pair.Value[0].Stats.RssBytes),
                Megabytes(pair.Value.Max(sample => sample.Stats.RssBytes)),
                Megabytes(pair.Value[^1].Stats.PeakRssBytes),
                Megabytes(pair.Value[^1].Stats.RssBytes),
                Math.Round((pair.Value[^1].Stats.CpuTime - pair.Value[0].Stats.CpuTime).TotalSeconds, 1),
                Math.Round((pair.Value[^1].At - pair.Value[0].At).TotalSeconds, 1),
                [.. pair.Value.Select(sample => new[] { Math.Round(sample.At.TotalSeconds), Megabytes(sample.Stats.RssBytes) })]))];
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var at = DateTimeOffset.UtcNow - _start;
        lock (_gate)
        {
            foreach (var (name, processId) in _processes)
            {
                if (ProcessStats.Read(processId) is { } stats)
                {
                    _series[name].Add(new ResourceSample(at, stats));
                }
            }
        }
    }

    private static double Megabytes(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

    private sealed record ResourceSample(TimeSpan At, ProcessStats Stats);
}

/// <summary>Memory and CPU of one process over a phase; RSS in MiB, series as [seconds, MiB] pairs.</summary>
internal sealed record ProcessMemory(
    string Process,
    double StartRssMb,
    double MaxSampledRssMb,
    double PeakRssMb,
    double EndRssMb,
    double CpuSeconds,
    double WallSeconds,
    List<double[]> RssSeries);
