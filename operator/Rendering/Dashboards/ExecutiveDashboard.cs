using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.Rendering.Dashboards;

/// <summary>Executive: how good the experience is, whether users convert, and whether the SLOs hold.</summary>
public static class ExecutiveDashboard
{
    public const string Kind = "executive";

    public static Dashboard Build(PipelineDashboardContext c)
    {
        var q = c.Queries;
        var panels = new List<Panel>
        {
            new("User-experience score", PanelKind.Stat, "percentunit",
                "Share of page views good on LCP, INP and CLS and without error (product of the four shares, read from the 'good' buckets).",
                [new(q.ExperienceScore([]))], 8),
            new("Page views", PanelKind.Stat, "reqps", "Page views per second (weighted by 1/sampleRate).",
                [new(q.Rate(RumMetrics.PageViews, []))], 8),
            new("Conversion", PanelKind.Stat, "percentunit", "Successful business transactions per session, by transaction name.",
                [new(Conversion(q, []), Legend.Of(RumLabels.Name))], 8),
            new("User-experience score by device", PanelKind.TimeSeries, "percentunit", "The score per device class.",
                [new(q.ExperienceScore([RumLabels.Device]), Legend.Of(RumLabels.Device))]),
            new("Conversion by release", PanelKind.TimeSeries, "percentunit", "Successful transactions per session, by release.",
                [new(Conversion(q, [RumLabels.Release]), Legend.Of(RumLabels.Name, RumLabels.Release))]),
        };
        foreach (var vital in new[] { VitalName.Lcp, VitalName.Inp })
        foreach (var by in new[] { RumLabels.Country, RumLabels.Device })
        {
            var name = vital.ToString().ToUpperInvariant();
            panels.Add(new($"{name} p75 and p95 by {by}", PanelKind.TimeSeries, "s", $"{name} percentiles from the histogram, per {by}.",
            [
                new(q.Quantile(0.75, vital, [by]), $"p75 {{{{{by}}}}}"),
                new(q.Quantile(0.95, vital, [by]), $"p95 {{{{{by}}}}}"),
            ]));
        }
        if (c.Slos.Slos.Count > 0)
        {
            panels.Add(new("Page alerts firing", PanelKind.Stat, "none", $"RumSLO page alerts firing now (Prometheus' {Slo.SloSeries.AlertsSeries} series).",
                [new($"count by (slo) ({c.Slos.Alerts(Slo.SloSeries.PageAlert)})", Legend.Of(Slo.RuleNames.SloLabel))]));
            panels.Add(new("Error budget spent", PanelKind.BarGauge, "percentunit", "Share of each SLO's error budget spent over its window, per release.",
                [c.Slos.BudgetSpent()]));
        }
        return new Dashboard(c.Uid(Kind), c.Title("executive"), Kind, c.Tags(Kind), c.Variables(), panels);
    }

    /// <summary>Successful transactions per session: every transaction name over the sessions of the same group.</summary>
    private static string Conversion(RumQueries q, IReadOnlyList<string> by) =>
        $"{q.Rate(RumMetrics.Transactions, [RumLabels.Name, .. by], (RumLabels.Outcome, RumMetrics.TransactionSuccess))}\n/ on({string.Join(", ", by)}) group_left\n{q.Rate(RumMetrics.Sessions, by)}";
}
