namespace RumOperator.PrometheusApi;

/// <summary>One sample of an instant-query result: the series' labels (with __name__) and its value.</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Name => Labels.TryGetValue("__name__", out var name) ? name : "";
}

/// <summary>Prometheus's instant query (/api/v1/query), shared by the RumSLO status reader and the release guard's poller.</summary>
public interface IPrometheusQuery
{
    /// <summary>The instant vector the expression evaluates to now; throws <see cref="PrometheusQueryException"/> on failure.</summary>
    Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken ct);
}

/// <summary>Prometheus answered with an error, an unexpected shape, or not at all.</summary>
public sealed class PrometheusQueryException(string message, Exception? inner = null) : Exception(message, inner);
