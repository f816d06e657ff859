using RumOperator.PrometheusApi;

namespace RumOperator.Tests.ReleaseGuard;

/// <summary>Answers the guard's two evidence queries: the page expression (burn-rate series) and the event count.</summary>
public sealed class FakePrometheus(IReadOnlyList<PromSample> burning, IReadOnlyList<PromSample> events) : IPrometheusQuery
{
    public List<string> Queries { get; } = [];

    public Exception? Failure { get; init; }

    public Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken ct)
    {
        lock (Queries) Queries.Add(promql);
        if (Failure is { } e) return Task.FromException<IReadOnlyList<PromSample>>(e);
        return Task.FromResult(promql.Contains("slo:rum_burn_rate") ? burning : events);
    }

    public static PromSample Release(string release, double value) =>
        new(new Dictionary<string, string> { ["release"] = release, ["slo"] = "checkout-errors", ["namespace"] = GuardObjects.Ns }, value);
}
