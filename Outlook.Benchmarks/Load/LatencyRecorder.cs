using HdrHistogram;

namespace Outlook.Benchmarks.Load;

/// <summary>A thread-safe HdrHistogram of latencies in microseconds, from 1 µs to 60 s at 3 significant digits.</summary>
internal sealed class LatencyRecorder
{
    private const long HighestMicroseconds = 60_000_000;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    public void Record(TimeSpan latency)
    {
        var microseconds = Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds);
        _histogram.RecordValue(microseconds);
    }

    public LatencySummary Summarize() => _histogram.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0)
        : new LatencySummary(
            _histogram.TotalCount,
            Milliseconds(_histogram.GetValueAtPercentile(50)),
            Milliseconds(_histogram.GetValueAtPercentile(99)),
            Milliseconds(_histogram.GetValueAtPercentile(99.9)),
            Milliseconds(_histogram.GetMaxValue()));

    private static double Milliseconds(long microseconds) => Math.Round(microseconds / 1000.0, 2);
}

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record LatencySummary(long Count, double P50Ms, double P99Ms, double P999Ms, double MaxMs);
