using System.Collections.Concurrent;
using RumOperator.Metrics;

namespace RumCollector.Metrics;

/// <summary>Keeps the first <c>max</c> distinct values of one label; every later value becomes __other__.</summary>
public sealed class LabelLimiter(int max)
{
    private readonly ConcurrentDictionary<string, byte> _admitted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count => _admitted.Count;

    public string Admit(string value)
    {
        if (value == RumMetrics.Other || _admitted.ContainsKey(value)) return value;
        lock (_gate)
        {
            if (_admitted.ContainsKey(value)) return value;
            if (_admitted.Count >= max) return RumMetrics.Other;
            _admitted[value] = 0;
            return value;
        }
    }
}
