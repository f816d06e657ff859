using System.Security.Cryptography;
using System.Text;

namespace RumCollector.Privacy;

/// <summary>
/// User ids leave the collector only as HMAC-SHA256(salt, id): stable for joins, useless without the
/// salt. Without a salt the id is dropped rather than exported in clear.
/// </summary>
public sealed class UserIdHasher(byte[]? salt)
{
    public string? Hash(string? userId)
    {
        if (string.IsNullOrEmpty(userId) || salt is null) return null;
        return Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(userId)));
    }
}
