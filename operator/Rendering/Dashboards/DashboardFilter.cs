using RumOperator.Metrics;
using RumOperator.Slo;

namespace RumOperator.Rendering.Dashboards;

/// <summary>
/// The selector of every raw-metric query on a dashboard: the pipeline's own series (namespace, job) and one
/// <c>label=~"$label"</c> per template variable. Grafana expands a multi-value variable to a regex alternation,
/// and All to <see cref="AnyValue"/>, which also matches series without the label.
/// </summary>
public sealed class DashboardFilter(IReadOnlyList<KeyValuePair<string, string>> fixedMatchers, IReadOnlyList<string> variableLabels)
{
    /// <summary>The labels users filter by, in the order the variables appear.</summary>
    public static readonly IReadOnlyList<string> FilterLabels = [RumLabels.App, RumLabels.Release, RumLabels.Route, RumLabels.Device, RumLabels.Country, RumLabels.Browser];

    public const string AnyValue = ".*";

    /// <summary>Grafana's rate window (at least four scrapes) and the dashboard's time range.</summary>
    public const string RateInterval = "$__rate_interval";
    public const string Range = "$__range";

    public IReadOnlyList<string> VariableLabels { get; } = variableLabels;

    public IReadOnlyList<KeyValuePair<string, string>> FixedMatchers { get; } = fixedMatchers;

    /// <summary>metric{namespace="shop",job="web-collector",app=~"$app",…,extra="…"}.</summary>
    public string Of(string metric, params (string Label, string Value)[] extra) =>
        metric + "{" + string.Join(",",
            FixedMatchers.Select(m => $"{m.Key}={PromQl.Quote(m.Value)}")
                .Concat(VariableLabels.Select(l => $"{l}=~{PromQl.Quote("$" + l)}"))
                .Concat(extra.Select(e => $"{e.Label}={PromQl.Quote(e.Value)}"))) + "}";

    /// <summary>The same filter over only <paramref name="labels"/>: for series that carry fewer labels (the error groups'), whose
    /// other variables would otherwise select nothing once set.</summary>
    public DashboardFilter Only(IReadOnlyList<string> labels) => new(FixedMatchers, [.. VariableLabels.Where(labels.Contains)]);

    /// <summary>The series a variable's values come from: only the fixed matchers, so every value is offered.</summary>
    public string Unfiltered(string metric) => metric + PromQl.Selector(FixedMatchers);
}
