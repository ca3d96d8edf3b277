using System.Collections.Concurrent;
using System.Diagnostics;

namespace Outlook.Tests.Worker;

/// <summary>
/// The built Outlook.Worker run as its own process, so a test can kill it with SIGKILL the way a
/// crashed pod dies: no shutdown hooks, no offset commit on close.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Output { get; } = new();

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [WorkerAssemblyPath()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The worker process did not start.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, line) => worker.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => worker.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Ends the process at once, as SIGKILL does.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Asks the process to shut down with SIGTERM, as an orchestrator does, and waits for it to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await signal.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
    }

    public string Tail() => string.Join('\n', Output.TakeLast(40));

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Output.Enqueue(line);
        while (Output.Count > 400)
        {
            Output.TryDequeue(out _);
        }
    }

    /// <summary>Finds the worker's own build output, which carries its runtimeconfig and deps files.</summary>
    private static string WorkerAssemblyPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Outlook.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Outlook.sln not found above the test output directory.");
        }

        var path = Path.Combine(directory.FullName, "Outlook.Worker", "bin", configuration, "net10.0", "Outlook.Worker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build Outlook.Worker first.", path);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
