using System.Net;
using System.Net.Sockets;

namespace Outlook.Tests.Common;

internal static class LoopbackPorts
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago; the caller binds it next.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
