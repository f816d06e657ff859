using System.Security.Cryptography;
using System.Text;

namespace RumOperator.Rendering.Dashboards;

/// <summary>A stable Grafana uid (at most 40 characters) from names that can be longer: readable prefix, hash suffix.</summary>
public static class DashboardUid
{
    public const int MaxLength = 40;

    public static string For(params string[] parts)
    {
        var joined = "rum-" + string.Join("-", parts);
        if (joined.Length <= MaxLength) return joined;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("/", parts))))[..8];
        return joined[..(MaxLength - 9)].TrimEnd('-', '.') + "-" + hash;
    }
}
