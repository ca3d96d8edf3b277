using System.Text.RegularExpressions;

namespace Outlook.Benchmarks.Infrastructure;

/// <summary>
/// The outlook.notifications partitions a worker replica owns, read from the assignment,
/// revocation and loss lines its normaliser logs at Information level. The benchmark reads the
/// log because the mock cluster cannot list or describe consumer groups (listing crashes the caller).
/// </summary>
internal static partial class PartitionAssignments
{
    /// <summary>Returns the partitions the replica owns according to its log so far.</summary>
    public static SortedSet<int> Owned(ServiceProcess worker)
    {
        var owned = new SortedSet<int>();
        using var stream = new FileStream(worker.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var partitions = NotificationPartition().Matches(line).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (line.Contains("Partitions assigned:", StringComparison.Ordinal))
            {
                owned.UnionWith(partitions);
            }
            else if (line.Contains("Partitions revoked:", StringComparison.Ordinal) || line.Contains("Partitions lost:", StringComparison.Ordinal))
            {
                owned.ExceptWith(partitions);
            }
        }

        return owned;
    }

    /// <summary>Waits until every replica owns at least one partition; returns false when the limit passes first.</summary>
    public static async Task<bool> WaitUntilEveryWorkerOwnsAsync(IReadOnlyList<ServiceProcess> workers, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (workers.Any(worker => Owned(worker).Count == 0))
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        return true;
    }

    /// <summary>Describes each replica's partition count, for example "worker-1: 6, worker-2: 6".</summary>
    public static string Describe(IEnumerable<ServiceProcess> workers) =>
        string.Join(", ", workers.Select(worker => $"{worker.Name}: {Owned(worker).Count}"));

    [GeneratedRegex(@"outlook\.notifications \[\[(\d+)\]\]")]
    private static partial Regex NotificationPartition();
}
