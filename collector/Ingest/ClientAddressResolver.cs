using System.Net;
using RumOperator.Api;

namespace RumCollector.Ingest;

/// <summary>
/// Who sent a beacon. X-Forwarded-For is written by whoever sends the request, so it is read only when
/// the connection comes from a trusted proxy (ingest.trustedProxies), from the right: each trusted
/// proxy appends the address it saw, and the first address not in a trusted range is the client.
/// Without trusted proxies, the connection's address is the client.
/// </summary>
public sealed class ClientAddressResolver(IEnumerable<string> trustedProxies)
{
    /// <summary>Only the right end of a longer header is read; a client's own entries on the left are never trusted anyway.</summary>
    public const int MaxHeaderChars = 1024;
    public const int MaxHops = 16;

    private readonly IPNetwork[] _trusted = trustedProxies
        .Select(p => ClientAddressRange.TryParse(p, out var n) ? n : (IPNetwork?)null)
        .OfType<IPNetwork>().ToArray();

    public IPAddress? Resolve(IPAddress? remote, string? forwardedFor)
    {
        if (remote is null) return null;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        if (_trusted.Length == 0 || string.IsNullOrEmpty(forwardedFor) || !IsTrusted(remote)) return remote;

        var header = forwardedFor.AsSpan();
        if (header.Length > MaxHeaderChars) header = header[^MaxHeaderChars..];
        var client = remote;
        for (var hop = 0; hop < MaxHops && !header.IsEmpty; hop++)
        {
            var comma = header.LastIndexOf(',');
            var entry = header[(comma + 1)..].Trim();
            header = comma < 0 ? [] : header[..comma];
            if (!TryParseEntry(entry, out var address)) return client;
            if (!IsTrusted(address)) return address;
            client = address;
        }
        return client;
    }

    private bool IsTrusted(IPAddress address)
    {
        foreach (var range in _trusted)
            if (range.Contains(address)) return true;
        return false;
    }

    /// <summary>An address, optionally with a port (1.2.3.4:80, [2001:db8::1]:443).</summary>
    private static bool TryParseEntry(ReadOnlySpan<char> entry, out IPAddress address)
    {
        if (IPAddress.TryParse(entry, out address!))
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            return true;
        }
        if (IPEndPoint.TryParse(entry, out var endpoint))
        {
            address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
            return true;
        }
        return false;
    }
}
