using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Outlook.Tests.Webhook.Support;

/// <summary>
/// A loopback TCP forwarder that starts closed (every connection is dropped at once) and,
/// once opened, forwards connections to its target. Pointing a Kafka client's bootstrap at a
/// closed gate makes Kafka unreachable without stopping the cluster.
/// </summary>
internal sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private volatile bool _open;

    public TcpGate(string target)
    {
        var separator = target.LastIndexOf(':');
        _targetHost = target[..separator];
        _targetPort = int.Parse(target[(separator + 1)..], CultureInfo.InvariantCulture);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public void Open() => _open = true;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!_open)
            {
                client.Dispose();
                continue;
            }

            lock (_connections)
            {
                _connections.Add(ForwardAsync(client));
            }
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(_targetHost, _targetPort, _stop.Token);
                var downstream = client.GetStream();
                var target = upstream.GetStream();
                await Task.WhenAny(downstream.CopyToAsync(target, _stop.Token), target.CopyToAsync(downstream, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // A closed connection on either side ends the forwarding; nothing to report.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
