using System.Net;
using System.Net.Sockets;
using RumOperator.Api;

namespace RumCollector.Privacy;

/// <summary>Client IPs are kept only as their network: /24 for IPv4, /48 for IPv6; or dropped.</summary>
public static class IpTruncator
{
    public static string? Apply(IPAddress? address, IpAddressHandling handling)
    {
        if (address is null || handling == IpAddressHandling.Drop) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        for (var i = keep; i < bytes.Length; i++) bytes[i] = 0;
        return new IPAddress(bytes).ToString();
    }
}
