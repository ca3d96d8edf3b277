using System.Globalization;

namespace Outlook.Benchmarks.Infrastructure;

/// <summary>Resident memory and CPU time of one process, read from /proc (Linux only).</summary>
internal readonly record struct ProcessStats(long RssBytes, long PeakRssBytes, TimeSpan CpuTime)
{
    private static readonly double TicksPerSecond = 100.0;

    /// <summary>Reads VmRSS and VmHWM from /proc/PID/status and utime + stime from /proc/PID/stat; null once the process is gone.</summary>
    public static ProcessStats? Read(int processId)
    {
        try
        {
            long rss = 0;
            long peak = 0;
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = ParseKilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = ParseKilobytes(line) * 1024;
                }
            }

            // Fields 14 and 15 of /proc/PID/stat, counted after the parenthesised command name,
            // are user and system time in clock ticks (USER_HZ, 100 on Linux).
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcessStats(rss, peak, TimeSpan.FromSeconds(ticks / TicksPerSecond));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long ParseKilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>Returns the one-minute load average from /proc/loadavg.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
