using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Outlook.Benchmarks.Load;

/// <summary>
/// Posts notification collections to one endpoint, either open-loop at a fixed arrival rate or
/// closed-loop with a fixed number of concurrent connections (to find the throughput limit).
/// </summary>
internal sealed class NotificationLoadGenerator(NotificationPayloads payloads) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = 4096,
        UseProxy = false,
    })
    {
        Timeout = RequestTimeout,
    };

    private long _sequence;

    /// <summary>
    /// Sends POSTs at <paramref name="postsPerSecond"/> for <paramref name="duration"/>. Each
    /// request has an intended start on a fixed schedule; the dispatcher wakes about every
    /// millisecond and starts every request whose time has come, without waiting for earlier
    /// answers, so the server's slowness shows up as latency and never lowers the offered rate.
    /// </summary>
    public async Task<LoadResult> RunOpenLoopAsync(string target, Uri endpoint, double postsPerSecond, int itemsPerPost, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = (long)(postsPerSecond * duration.TotalSeconds);
        var counters = new Counters();
        var requests = new List<Task>((int)Math.Min(total, 10_000_000));
        var ticksPerRequest = Stopwatch.Frequency / postsPerSecond;
        var start = Stopwatch.GetTimestamp();

        // A dedicated thread, because the dispatcher sleeps between ticks and must not hold a pool thread.
        var dispatcher = new Thread(() =>
        {
            var next = 0L;
            while (next < total && !cancellationToken.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                while (next < total)
                {
                    var due = start + (long)(next * ticksPerRequest);
                    if (due > now)
                    {
                        break;
                    }

                    requests.Add(SendAsync(endpoint, itemsPerPost, due, counters, cancellationToken));
                    next++;
                }

                if (next < total)
                {
                    Thread.Sleep(1);
                }
            }
        })
        {
            IsBackground = true,
            Name = "open-loop dispatcher",
        };
        dispatcher.Start();
        await Task.Run(dispatcher.Join, CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();

        await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return counters.ToResult(target, "open-loop", itemsPerPost, postsPerSecond, elapsed, total);
    }

    /// <summary>Keeps <paramref name="connections"/> requests in flight for <paramref name="duration"/> and counts what completes.</summary>
    public async Task<LoadResult> RunClosedLoopAsync(string target, Uri endpoint, int connections, int itemsPerPost, TimeSpan duration, CancellationToken cancellationToken)
    {
        var counters = new Counters();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sent = 0;

        async Task LoopAsync()
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                Interlocked.Increment(ref sent);
                await SendAsync(endpoint, itemsPerPost, Stopwatch.GetTimestamp(), counters, cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(LoopAsync, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(start);
        return counters.ToResult(target, $"closed-loop ({connections} connections)", itemsPerPost, 0, elapsed, sent);
    }

    public void Dispose() => _client.Dispose();

    private async Task SendAsync(Uri endpoint, int itemsPerPost, long intendedStart, Counters counters, CancellationToken cancellationToken)
    {
        var first = Interlocked.Add(ref _sequence, itemsPerPost) - itemsPerPost;
        try
        {
            using var content = new ByteArrayContent(payloads.Body(first, itemsPerPost));
            content.Headers.ContentType = JsonType;
            using var response = await _client.PostAsync(endpoint, content, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            counters.Latency.Record(Stopwatch.GetElapsedTime(intendedStart));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref counters.Accepted);
                Interlocked.Add(ref counters.ItemsRejected, RejectedItems(body));
            }
            else
            {
                Interlocked.Increment(ref counters.Failed);
                counters.NoteError($"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            counters.Latency.Record(Stopwatch.GetElapsedTime(intendedStart));
            Interlocked.Increment(ref counters.Failed);
            counters.NoteError($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Returns the "rejected" count of the webhook's 202 summary; 0 for the bare server's empty body.</summary>
    private static long RejectedItems(byte[] body)
    {
        if (body.Length == 0)
        {
            return 0;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("rejected", out var rejected) && rejected.TryGetInt64(out var count) ? count : 0;
    }

    private sealed class Counters
    {
        public long Accepted;
        public long Failed;
        public long ItemsRejected;
        private string? _firstError;

        public LatencyRecorder Latency { get; } = new();

        public void NoteError(string error) => Interlocked.CompareExchange(ref _firstError, error, null);

        public LoadResult ToResult(string target, string mode, int items, double offered, TimeSpan elapsed, long sent) => new()
        {
            Target = target,
            Mode = mode,
            ItemsPerPost = items,
            OfferedPostsPerSecond = offered,
            DurationSeconds = Math.Round(elapsed.TotalSeconds, 2),
            Sent = sent,
            Accepted = Accepted,
            Failed = Failed,
            ItemsRejected = ItemsRejected,
            AchievedPostsPerSecond = Math.Round(Accepted / elapsed.TotalSeconds, 1),
            Latency = Latency.Summarize(),
            FirstError = _firstError,
        };
    }
}
