using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.Rendering.Dashboards;

/// <summary>PromQL over the collector's metric contract, filtered by a dashboard's variables. Metric names come from <see cref="RumMetrics"/>.</summary>
public sealed class RumQueries(DashboardFilter filter)
{
    private static string By(IReadOnlyList<string> labels) => labels.Count == 0 ? "sum" : $"sum by ({string.Join(", ", labels)})";

    /// <summary>sum by (labels) (rate(metric{filter}[$__rate_interval])).</summary>
    public string Rate(string metric, IReadOnlyList<string> by, params (string, string)[] extra) =>
        $"{By(by)} (rate({filter.Of(metric, extra)}[{DashboardFilter.RateInterval}]))";

    /// <summary>The share of <paramref name="metric"/> with <paramref name="part"/> set, per group.</summary>
    public string Share(string metric, IReadOnlyList<string> by, (string, string) part, params (string, string)[] extra) =>
        $"{Rate(metric, by, [.. extra, part])}\n/\n{Rate(metric, by, extra)}";

    public string Quantile(double q, VitalName vital, IReadOnlyList<string> by) =>
        $"histogram_quantile({q.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {Rate(RumMetrics.ForVital(vital).Metric + "_bucket", [RumLabels.Le, .. by])})";

    /// <summary>The share of a vital's observations at or under its web-vitals "good" threshold, read from that bucket.</summary>
    public string GoodShare(VitalName vital, IReadOnlyList<string> by)
    {
        var info = RumMetrics.ForVital(vital);
        return $"{Rate(info.Metric + "_bucket", by, (RumLabels.Le, RumMetrics.FormatLe(info.Good)))}\n/\n{Rate(info.Metric + "_count", by)}";
    }

    /// <summary>
    /// Good LCP × good INP × good CLS × page views without error. Each factor is a share of its own events; their
    /// product is the share of page views good on all four when the four are independent (the collector counts
    /// them separately, so no series holds the joint share).
    /// </summary>
    public string ExperienceScore(IReadOnlyList<string> by) => string.Join("\n*\n",
        new[] { VitalName.Lcp, VitalName.Inp, VitalName.Cls }.Select(v => $"(\n{GoodShare(v, by)}\n)")
            .Append($"(\n{Share(RumMetrics.PageViews, by, (RumLabels.Outcome, RumMetrics.OutcomeOk))}\n)"));
}
