using System.Collections.Concurrent;

namespace RumCollector.Enrichment;

/// <summary>
/// Remembers the classification of recent User-Agent strings: real traffic repeats a few hundred of
/// them, so most beacons skip the parser. The client sets each string's size, so the cache is bounded
/// in bytes as well as entries: strings are cut to <see cref="UserAgentParser.MaxLength"/> before
/// parsing, and when either bound is reached the cache starts over, so a flood of distinct or huge
/// strings costs a parse each but never memory.
/// </summary>
public sealed class UserAgentCache(int capacity = UserAgentCache.DefaultCapacity, long maxBytes = UserAgentCache.DefaultMaxBytes)
{
    public const int DefaultCapacity = 4096;
    /// <summary>About 4,096 typical (150-character) strings; at most ~1,700 of the longest kept.</summary>
    public const long DefaultMaxBytes = 2 * 1024 * 1024;
    /// <summary>What one entry costs besides its characters: the string header, the key tuple and the dictionary node.</summary>
    public const int EntryOverheadBytes = 96;

    private readonly ConcurrentDictionary<(string UserAgent, bool AllowHeadless), ClientInfo> _known = new();
    private int _added; // ConcurrentDictionary.Count takes every lock; the miss path counts itself
    private long _bytes;

    public int Count => _known.Count;
    /// <summary>Bytes held by cached strings and entries (an estimate from their lengths), at most <see cref="MaxBytes"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);
    public long MaxBytes => maxBytes;

    public ClientInfo Parse(string? userAgent, bool allowHeadless)
    {
        if (userAgent is null) return UserAgentParser.Parse(userAgent, allowHeadless);
        if (userAgent.Length > UserAgentParser.MaxLength) userAgent = userAgent[..UserAgentParser.MaxLength];
        if (_known.TryGetValue((userAgent, allowHeadless), out var info)) return info;
        info = UserAgentParser.Parse(userAgent, allowHeadless);
        var cost = CostOf(userAgent);
        if (Interlocked.Increment(ref _added) > capacity || Interlocked.Add(ref _bytes, cost) > maxBytes)
        {
            _known.Clear();
            Volatile.Write(ref _added, 1);
            Interlocked.Exchange(ref _bytes, cost);
        }
        _known[(userAgent, allowHeadless)] = info;
        return info;
    }

    public static long CostOf(string userAgent) => 2L * userAgent.Length + EntryOverheadBytes;
}
