using System.Collections.Concurrent;

namespace RumCollector.Metrics;

/// <summary>
/// Caps the series the collector exports. A new label set costs its series (1 for a counter,
/// buckets + 3 for a histogram); once the budget is spent, new label sets are refused and the
/// caller folds them into __other__. The __other__ series are charged too, from a reserve of 1 %
/// that regular label sets cannot use, so /metrics stays within the cap under a cardinality attack.
/// A series removed from /metrics gives its cost back.
/// </summary>
public sealed class SeriesBudget(int maxSeries)
{
    private readonly ConcurrentDictionary<string, byte> _admitted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly int _regularLimit = maxSeries - Math.Max(1, maxSeries / 100);
    private int _used;

    public int Used => Volatile.Read(ref _used);

    public bool Admit(string key, int cost) => Take(key, cost, _regularLimit);

    /// <summary>Charges a fold target (__other__ series); never refuses, so no count is lost.</summary>
    public void Charge(string key, int cost) => Take(key, cost, int.MaxValue);

    /// <summary>Gives back the cost of a removed series (its label value was evicted).</summary>
    public void Release(string key, int cost)
    {
        lock (_gate)
            if (_admitted.TryRemove(key, out _)) _used -= cost;
    }

    private bool Take(string key, int cost, int limit)
    {
        if (_admitted.ContainsKey(key)) return true;
        lock (_gate)
        {
            if (_admitted.ContainsKey(key)) return true;
            if (_used + cost > limit) return false;
            _admitted[key] = 0;
            _used += cost;
            return true;
        }
    }
}
