using System.Net;
using System.Net.Sockets;

namespace RumOperator.LocalStack.Processes;

public static class FreePort
{
    /// <summary>A loopback port free right now; a process that loses the race fails to start with a clear error.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
