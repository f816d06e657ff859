using Prometheus;

namespace RumCollector.Metrics;

/// <summary>One child of a contract metric within a <see cref="CommonSeries"/>: the metric and its own label values (none, one or two).</summary>
public readonly record struct SeriesKey(Collector Metric, string? Own1, string? Own2)
{
    public string[] OwnValues() => Own1 is null ? [] : Own2 is null ? [Own1] : [Own1, Own2];
}
