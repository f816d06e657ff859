using System.Collections.Concurrent;

namespace RumCollector.Enrichment;

/// <summary>
/// Remembers the classification of recent User-Agent strings: real traffic repeats a few hundred of
/// them, so most beacons skip the parser. Bounded: when full it starts over, so a flood of distinct
/// strings (a cardinality attack) costs a parse each but never memory.
/// </summary>
public sealed class UserAgentCache(int capacity = UserAgentCache.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;
    private readonly ConcurrentDictionary<(string UserAgent, bool AllowHeadless), ClientInfo> _known = new();
    private int _added; // ConcurrentDictionary.Count takes every lock; the miss path counts itself

    public int Count => _known.Count;

    public ClientInfo Parse(string? userAgent, bool allowHeadless)
    {
        if (userAgent is null) return UserAgentParser.Parse(userAgent, allowHeadless);
        if (_known.TryGetValue((userAgent, allowHeadless), out var info)) return info;
        info = UserAgentParser.Parse(userAgent, allowHeadless);
        if (Interlocked.Increment(ref _added) > capacity)
        {
            _known.Clear();
            Volatile.Write(ref _added, 1);
        }
        _known[(userAgent, allowHeadless)] = info;
        return info;
    }
}
