using System.Collections.Concurrent;

namespace RumCollector.Metrics;

/// <summary>
/// Caps the series the collector exports. A new label set costs its series (1 for a counter,
/// buckets + 3 for a histogram); once the budget is spent, new label sets are refused and the
/// caller folds them into __other__.
/// </summary>
public sealed class SeriesBudget(int maxSeries)
{
    private readonly ConcurrentDictionary<string, byte> _admitted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _used;

    public int Used => Volatile.Read(ref _used);

    public bool Admit(string key, int cost)
    {
        if (_admitted.ContainsKey(key)) return true;
        lock (_gate)
        {
            if (_admitted.ContainsKey(key)) return true;
            if (_used + cost > maxSeries) return false;
            _admitted[key] = 0;
            _used += cost;
            return true;
        }
    }
}
