using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outlook.Tests.Common;

namespace Outlook.Tests.EndToEnd;

/// <summary>
/// The whole AppHost in local mode with the emulator replaying <see cref="ReplayCorpus"/>
/// (paused until a test starts it). Keeps every console line of every resource, reads every
/// topic from the beginning, and can kill and restart resources.
/// </summary>
public class EndToEndFixture : IAsyncLifetime
{
    /// <summary>The emulated tenant id the AppHost gives the emulator and the services.</summary>
    public const string TenantId = "6f1d3c2a-5b7e-4a90-8c1d-2e3f4a5b6c7d";

    private static readonly string[] ServiceNames = ["graph-emulator", "webhook", "worker", "subscriptions", "redis"];

    private readonly ConcurrentQueue<string> _logLines = new();
    private readonly ResourceLogCapture _logCapture = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _logWatchers = [];
    private DistributedApplication? _app;

    public ReplayCorpus Corpus { get; } = ReplayCorpus.Create();

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public HttpClient Admin { get; private set; } = null!;

    public EventTopicReader Topics { get; private set; } = null!;

    public IReadOnlyDictionary<string, EmulatedMailbox> Mailboxes { get; private set; } = new Dictionary<string, EmulatedMailbox>();

    /// <summary>Every console line every resource wrote so far.</summary>
    public IReadOnlyCollection<string> LogLines => [.. _logLines, .. _logCapture.Lines];

    /// <summary>Configuration passed to the AppHost as command-line arguments ("Key=Value").</summary>
    protected virtual IEnumerable<string> Arguments => ["Infrastructure:Mode=local", "Infrastructure:Kafka:Partitions=4"];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Outlook_AppHost>([.. Arguments], timeout.Token);
        builder.Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning);
            logging.AddProvider(_logCapture);
        });

        // Added after the AppHost's own values, so these win.
        builder.CreateResourceBuilder<ProjectResource>("graph-emulator")
            .WithEnvironment("Emulator__CorpusPath", Corpus.Path)
            .WithEnvironment("Emulator__ReplayAutoStart", "false");

        _app = await builder.BuildAsync(timeout.Token);
        var logs = _app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var name in ServiceNames)
        {
            _logWatchers.Add(WatchLogsAsync(logs, name, _stop.Token));
        }

        await _app.StartAsync(timeout.Token);
        foreach (var name in ServiceNames.Append("kafka"))
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }

        Admin = _app.CreateHttpClient("graph-emulator", "http");
        Admin.BaseAddress = new Uri(Admin.BaseAddress!, "emulator/");
        var listed = (await Admin.GetFromJsonAsync<JsonArray>("mailboxes", timeout.Token))!;
        Mailboxes = listed.Select(m => new EmulatedMailbox(
                m!["userId"]!.GetValue<string>(), m["mailbox"]!.GetValue<string>(), m["address"]!.GetValue<string>()))
            .ToDictionary(m => m.Mailbox, StringComparer.Ordinal);

        var kafka = await _app.GetConnectionStringAsync("kafka", timeout.Token)
            ?? throw new InvalidOperationException("kafka has no connection string.");
        Topics = new EventTopicReader(kafka, Outlook.Contracts.Topics.All);
        await WaitForSubscriptionsAsync(timeout.Token);
    }

    public async Task<string> ConnectionStringAsync(string name, CancellationToken cancellationToken) =>
        await App.GetConnectionStringAsync(name, cancellationToken)
        ?? throw new InvalidOperationException($"{name} has no connection string.");

    /// <summary>Waits until the subscription manager has an active subscription on every replayed mailbox.</summary>
    public async Task WaitForSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var wanted = Corpus.Mailboxes.Select(m => Mailboxes[m].UserId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var statistics = (await Admin.GetFromJsonAsync<JsonObject>("statistics", cancellationToken))!;
            var active = statistics["subscriptions"]!.AsArray()
                .Where(s => s!["active"]!.GetValue<bool>())
                .Select(s => s!["userId"]!.GetValue<string>())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (wanted.IsSubsetOf(active))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Starts the replay at a speed that plays the slice's whole span in about <paramref name="duration"/>.</summary>
    public async Task StartReplayAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var factor = Math.Max(1, Corpus.SpanSeconds / duration.TotalSeconds);
        (await Admin.PostAsJsonAsync("replay/speed", new { factor }, cancellationToken)).EnsureSuccessStatusCode();
        (await Admin.PostAsync("replay/start", null, cancellationToken)).EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> ReplayStatusAsync(CancellationToken cancellationToken) =>
        (await Admin.GetFromJsonAsync<JsonObject>("status", cancellationToken))!["replay"]!.AsObject();

    public async Task WaitForReplayCompletedAsync(CancellationToken cancellationToken)
    {
        while (!(await ReplayStatusAsync(cancellationToken))["completed"]!.GetValue<bool>())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Waits until the check of <paramref name="expected"/> finds nothing lost, or the token ends; returns the last check.</summary>
    public async Task<ReplayCheck> WaitForEventsAsync(IReadOnlyList<CorpusMessage> expected, CancellationToken cancellationToken)
    {
        var check = Check(expected);
        try
        {
            while (check.Lost > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                check = Check(expected);
            }

            // Let late copies arrive, so duplicates are counted too.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Report what arrived; the test asserts on the figures.
        }

        return Check(expected);
    }

    public ReplayCheck Check(IReadOnlyList<CorpusMessage> expected) =>
        ReplayCheck.Run(Corpus, expected, Mailboxes, TenantId, Topics.Events);

    /// <summary>Kills a resource's process tree (SIGKILL, no shutdown), then starts it again and waits until it is healthy.</summary>
    public async Task KillAndRestartAsync(string name, TimeSpan down, CancellationToken cancellationToken)
    {
        var pid = ProcessId(name);
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }

        await WaitForStateAsync(name, state => state is not null && state != KnownResourceStates.Running, cancellationToken);
        await Task.Delay(down, cancellationToken);
        await StartResourceAsync(name, cancellationToken);
    }

    public async Task StopResourceAsync(string name, CancellationToken cancellationToken)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(name, "resource-stop", cancellationToken);
        Assert.True(result.Success, $"Stopping {name} failed: {result.Message}");
    }

    public async Task StartResourceAsync(string name, CancellationToken cancellationToken)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(name, "resource-start", cancellationToken);
        Assert.True(result.Success, $"Starting {name} failed: {result.Message}");
        await App.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken);
    }

    private int ProcessId(string name)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(name, out var current))
        {
            throw new InvalidOperationException($"Resource {name} has no state.");
        }

        var property = current.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"Resource {name} reports no process id; properties: {string.Join(", ", current.Snapshot.Properties.Select(p => p.Name))}");
        return Convert.ToInt32(property.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task WaitForStateAsync(string name, Func<string?, bool> predicate, CancellationToken cancellationToken) =>
        await App.ResourceNotifications.WaitForResourceAsync(name, e => predicate(e.Snapshot.State?.Text), cancellationToken);

    private async Task WatchLogsAsync(ResourceLoggerService logs, string name, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(name).WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    _logLines.Enqueue($"{name}: {line.Content}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The fixture is being disposed.
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (Topics is not null)
        {
            await Topics.DisposeAsync();
        }

        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.AppStop);
            await _app.StopAsync(timeout.Token);
            await _stop.CancelAsync();
            await Task.WhenAll(_logWatchers);
            await _app.DisposeAsync();
        }

        Admin?.Dispose();
        _stop.Dispose();
        Corpus.Dispose();
    }
}
