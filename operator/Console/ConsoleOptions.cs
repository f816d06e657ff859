using System.Net;

namespace RumOperator.SloConsole;

/// <summary>Where the console listens (--console-address) and how long a Prometheus answer is reused.</summary>
public sealed record ConsoleOptions(IPAddress Address, int Port)
{
    public static readonly TimeSpan DefaultCacheTtl = TimeSpan.FromSeconds(15);

    public TimeSpan CacheTtl { get; init; } = DefaultCacheTtl;

    /// <summary>host:port or :port (all interfaces); e.g. 127.0.0.1:9095 for port-forward only. Errors name the flag.</summary>
    public static ConsoleOptions Parse(string flag, string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new ArgumentException($"{flag}: '{text}' is not host:port or :port (e.g. 127.0.0.1:9095)");
        var host = text[..colon].Trim('[', ']');
        var address = host is "" or "*" or "0.0.0.0" ? IPAddress.Any
            : host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : throw new ArgumentException($"{flag}: '{host}' is not an IP address, localhost or empty (all interfaces)");
        return new ConsoleOptions(address, port);
    }
}
