using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Outlook.Tests.Common;

/// <summary>A real redis-server process from PATH on a free loopback port, without persistence, stopped by its PID.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private Process _process;

    private RedisServer(Process process, int port, ConnectionMultiplexer connection)
    {
        _process = process;
        Port = port;
        Connection = connection;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public ConnectionMultiplexer Connection { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var process = StartProcess(port);

        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        while (true)
        {
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync($"{LoopbackAddress(port)},connectTimeout=500");
                return new RedisServer(process, port, connection);
            }
            catch (RedisConnectionException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    /// <summary>Kills the server process; clients see connection failures from then on.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    /// <summary>Kills the server and starts an empty one on the same port. The connection reconnects by itself.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = StartProcess(Port);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await StopAsync();
        _process.Dispose();
    }

    private static Process StartProcess(int port)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)
            ?? throw new InvalidOperationException("redis-server did not start; install the redis-server package so it is on PATH.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static string LoopbackAddress(int port) => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
}
