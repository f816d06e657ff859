namespace RumOperator.PrometheusApi;

/// <summary>One series of a range-query result: its labels (with __name__) and its points, oldest first.</summary>
public sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PromPoint> Points)
{
    public string Name => Labels.TryGetValue("__name__", out var name) ? name : "";
}

/// <summary>A sample in time: Unix seconds and value (NaN and ±Inf kept as such).</summary>
public readonly record struct PromPoint(double UnixSeconds, double Value);

/// <summary>Prometheus's range query (/api/v1/query_range), for graphs over an SLO's window.</summary>
public interface IPrometheusRangeQuery
{
    /// <summary>The matrix the expression evaluates to from start to end every step; throws <see cref="PrometheusQueryException"/> on failure.</summary>
    Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct);
}
