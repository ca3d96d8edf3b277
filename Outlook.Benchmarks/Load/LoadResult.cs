namespace Outlook.Benchmarks.Load;

/// <summary>
/// The outcome of one load phase. Latency runs from each request's intended start, so time a
/// request spent waiting behind slow ones counts (no coordinated omission).
/// </summary>
internal sealed record LoadResult
{
    public required string Target { get; init; }
    public required string Mode { get; init; }
    public required int ItemsPerPost { get; init; }
    public required double OfferedPostsPerSecond { get; init; }
    public required double DurationSeconds { get; init; }
    public required long Sent { get; init; }
    public required long Accepted { get; init; }
    public required long Failed { get; init; }
    public required long ItemsRejected { get; init; }
    public required double AchievedPostsPerSecond { get; init; }
    public required LatencySummary Latency { get; init; }
    public string? FirstError { get; init; }

    public double OfferedItemsPerSecond => OfferedPostsPerSecond * ItemsPerPost;

    public double AchievedItemsPerSecond => AchievedPostsPerSecond * ItemsPerPost;
}
