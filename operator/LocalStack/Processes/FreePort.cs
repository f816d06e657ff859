using System.Net;
using System.Net.Sockets;

namespace RumOperator.LocalStack.Processes;

/// <summary>
/// Loopback ports for listeners that must be named before they start (Prometheus is configured with
/// Alertmanager's address, the collectors with theirs). The port is taken below the kernel's ephemeral range:
/// a port chosen by binding port 0 comes from that range, and any outgoing connection on the machine (a test's
/// HTTP client, a scrape) may take it as its local port before our listener binds it.
/// </summary>
public static class FreePort
{
    private const int Lowest = 10_000;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>A loopback port free right now; a process that loses the race fails to start with a clear error.</summary>
    public static int Next()
    {
        var below = EphemeralStart();
        for (var attempt = 0; below > Lowest && attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(Lowest, below);
            if (IsFree(port)) return port;
        }
        return AnyPort();
    }

    /// <summary>The first ephemeral port (Linux's default is 32768); 0 where the range cannot be read.</summary>
    internal static int EphemeralStart()
    {
        try
        {
            var range = File.ReadAllText(EphemeralRange).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return range.Length == 2 && int.TryParse(range[0], out var start) ? start : 0;
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static int AnyPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
