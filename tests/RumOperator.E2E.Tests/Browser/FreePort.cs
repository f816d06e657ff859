using System.Net;
using System.Net.Sockets;

namespace RumOperator.E2E.Tests.Browser;

internal static class FreePort
{
    /// <summary>
    /// A loopback port free right now. Another process could take it before the collector binds it;
    /// on a test machine that race is rare, and the collector then fails to start with a clear error.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
