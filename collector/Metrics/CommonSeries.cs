using System.Collections.Concurrent;
using Prometheus;

namespace RumCollector.Metrics;

/// <summary>
/// The contract series of one tuple of common label values. Each child is resolved, and charged
/// to the series budget, on first use and then reused, so the label key is built once per tuple
/// instead of once per event. Caching the budget's answer is exact: an admitted label set stays
/// admitted, and a refused one stays refused because the budget only ever fills up.
/// </summary>
public sealed class CommonSeries
{
    private readonly RumMetricSet _metrics;
    private readonly ConcurrentDictionary<SeriesKey, ChildBase> _children = new();

    internal CommonSeries(RumMetricSet metrics, string[] values)
    {
        _metrics = metrics;
        Values = values;
    }

    /// <summary>The bounded common label values, in <see cref="RumMetricSet.CommonLabels"/> order.</summary>
    public string[] Values { get; }

    public Counter.Child Counter(Counter metric, string? own1 = null, string? own2 = null)
    {
        var key = new SeriesKey(metric, own1, own2);
        if (_children.TryGetValue(key, out var child)) return (Counter.Child)child;
        return (Counter.Child)_children.GetOrAdd(key, _metrics.Child(metric, Values, key.OwnValues()));
    }

    public Histogram.Child Histogram(Histogram metric, string? own1 = null)
    {
        var key = new SeriesKey(metric, own1, null);
        if (_children.TryGetValue(key, out var child)) return (Histogram.Child)child;
        return (Histogram.Child)_children.GetOrAdd(key, _metrics.Child(metric, Values, key.OwnValues()));
    }
}
