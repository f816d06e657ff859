using System.Net;

namespace RumOperator.Api;

/// <summary>An address range as users write it in ingest.trustedProxies: a CIDR (10.0.0.0/8) or one address.</summary>
public static class ClientAddressRange
{
    public static bool TryParse(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (IPNetwork.TryParse(text, out network)) return true;
        if (!IPAddress.TryParse(text, out var address)) return false;
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
