using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Replay;

/// <summary>
/// Replays the corpus in date order: each record becomes a message in its mailbox (received, or
/// sent when filed in a sent folder). Corpus time passes <see cref="Factor"/> times faster than real time.
/// </summary>
public sealed class ReplayService(
    Corpus corpus,
    MailService mail,
    IOptions<EmulatorOptions> options,
    TimeProvider time,
    EmulatorTelemetry telemetry,
    ILogger<ReplayService> logger) : BackgroundService
{
    // Waits shorter than this are carried over and added to the next wait, so a high factor does not spin on tiny delays.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(15);

    private readonly Lock _sync = new();
    private TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _running = options.Value.ReplayAutoStart;
    private double _factor = options.Value.TimeCompressionFactor;
    private int _position;

    public ReplayStatus Status
    {
        get
        {
            lock (_sync)
            {
                var total = corpus.Records.Count;
                return new ReplayStatus(_running, _factor, _position, total, _position >= total, corpus.SkippedRecords);
            }
        }
    }

    public double Factor => Volatile.Read(ref _factor);

    public void Start()
    {
        lock (_sync)
        {
            _running = true;
            _resumed.TrySetResult();
        }
    }

    public void Pause()
    {
        lock (_sync)
        {
            _running = false;
            _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void SetFactor(double factor) => Volatile.Write(ref _factor, factor);

    /// <summary>Pauses the replay and rewinds it to the first record.</summary>
    public void Rewind()
    {
        Pause();
        lock (_sync)
        {
            _position = 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_running)
        {
            Start();
        }

        var carried = TimeSpan.Zero;
        DateTimeOffset? previous = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Task resumed;
                int position;
                lock (_sync)
                {
                    resumed = _resumed.Task;
                    position = _position;
                }

                if (!_running || position >= corpus.Records.Count)
                {
                    previous = null;
                    await WaitAsync(resumed, stoppingToken);
                    continue;
                }

                var record = corpus.Records[position];
                carried += previous is { } last && record.Date > last ? (record.Date - last) / Factor : TimeSpan.Zero;
                previous = record.Date;
                if (options.Value.ReplayMaxWait is { } maxWait && carried > maxWait)
                {
                    carried = maxWait;
                }

                if (carried >= MinimumWait)
                {
                    await Task.Delay(carried, time, stoppingToken);
                    carried = TimeSpan.Zero;
                }

                Replay(record);
                lock (_sync)
                {
                    if (_position == position)
                    {
                        _position++;
                    }
                }

                if (position + 1 == corpus.Records.Count)
                {
                    ReplayLog.Completed(logger, corpus.Records.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private static async Task WaitAsync(Task resumed, CancellationToken stoppingToken)
    {
        // Also wake up now and then, so a rewind after completion is noticed.
        await Task.WhenAny(resumed, Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken));
        stoppingToken.ThrowIfCancellationRequested();
    }

    private void Replay(CorpusRecord record)
    {
        if (mail.Find(record.Mailbox) is not { } mailbox)
        {
            return;
        }

        var isSent = WellKnownFolders.IsSentFolder(record.Folder);
        var spec = new NewMessage(
            record.From ?? mailbox.Address,
            record.To ?? [],
            record.Cc ?? [],
            WellKnownFolders.MapCorpusFolder(record.Folder),
            record.Date,
            record.MessageId,
            IsRead: isSent);
        mail.Deliver(mailbox, spec);
        telemetry.MessagesReplayed.Add(1);
    }
}

/// <summary>Replay progress as the admin API reports it.</summary>
public sealed record ReplayStatus(bool Running, double Factor, int Position, int Total, bool Completed, int SkippedRecords);

internal static partial class ReplayLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Replay completed: {RecordCount} corpus records delivered")]
    public static partial void Completed(ILogger logger, int recordCount);
}
