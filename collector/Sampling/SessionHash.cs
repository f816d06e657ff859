using System.Text;

namespace RumCollector.Sampling;

/// <summary>
/// Maps a session id to [0, 1), the same on every replica and every restart, so a session is kept or dropped whole
/// wherever its beacons land. It is the SDK's sample point too (docs/beacon.md, "Session hash"): FNV-1a 32 over the
/// id's UTF-8 bytes, then murmur3's fmix32, over 2^32; so a collector sampling at a lower rate than the SDK keeps a
/// subset of the SDK's sessions. contracts/Fixtures/session-hash.json holds the vectors both test suites check.
/// </summary>
public static class SessionHash
{
    public static double UnitInterval(string sessionId)
    {
        const uint offset = 2166136261, prime = 16777619;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(sessionId) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(sessionId, buffer)]
            : Encoding.UTF8.GetBytes(sessionId);
        foreach (var b in bytes) { hash ^= b; hash *= prime; }
        // fmix32: ids differing only in their last characters spread evenly.
        hash ^= hash >> 16; hash *= 0x85ebca6b; hash ^= hash >> 13; hash *= 0xc2b2ae35; hash ^= hash >> 16;
        return hash / 4294967296.0;
    }
}
