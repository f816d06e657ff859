using System.Text;

namespace RumCollector.Sampling;

/// <summary>
/// Maps a session id to [0, 1) with FNV-1a: the same on every replica and every restart, so a
/// session is kept or dropped whole wherever its beacons land.
/// </summary>
public static class SessionHash
{
    public static double UnitInterval(string sessionId)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(sessionId) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(sessionId, buffer)]
            : Encoding.UTF8.GetBytes(sessionId);
        foreach (var b in bytes) { hash ^= b; hash *= prime; }
        // Final avalanche (splitmix64) so ids differing only in the last characters spread evenly.
        hash ^= hash >> 30; hash *= 0xbf58476d1ce4e5b9; hash ^= hash >> 27; hash *= 0x94d049bb133111eb; hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
