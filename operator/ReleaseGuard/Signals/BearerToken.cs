using System.Security.Cryptography;
using System.Text;

namespace RumOperator.ReleaseGuard;

/// <summary>Pure: does an Authorization header carry the expected bearer token.</summary>
public static class BearerToken
{
    /// <summary>
    /// Compares SHA-256 digests in constant time, so neither the content nor the length of the expected token
    /// leaks through timing. No expected token means nobody is authorised.
    /// </summary>
    public static bool Matches(string? authorizationHeader, string? expected)
    {
        if (string.IsNullOrEmpty(expected) || authorizationHeader is null) return false;
        const string scheme = "Bearer ";
        if (!authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = authorizationHeader[scheme.Length..].Trim();
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
