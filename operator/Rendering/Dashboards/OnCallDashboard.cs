using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.Rendering.Dashboards;

/// <summary>On-call: which SLO burns for which release, what fires, where it fails, and how releases compare.</summary>
public static class OnCallDashboard
{
    public const string Kind = "oncall";
    private const int TopRoutes = 10;

    public static Dashboard Build(PipelineDashboardContext c)
    {
        var q = c.Queries;
        var panels = new List<Panel>();
        if (c.Slos.Slos.Count > 0)
        {
            panels.Add(new("Burn rate per SLO and release", PanelKind.TimeSeries, "none",
                "Each SLO's burn rate over its fastest page condition's short window; 1 spends the budget exactly over the SLO window.",
                c.Slos.ShortBurn()));
            panels.Add(new("Error budget remaining per SLO and release", PanelKind.TimeSeries, "percentunit",
                "Share of the error budget left over each SLO's window.", [c.Slos.BudgetRemaining()]));
            panels.Add(new("Firing alerts", PanelKind.Table, "none", $"RumSLO alerts firing now (page, ticket, no data), from Prometheus' {Slo.SloSeries.AlertsSeries} series.",
                [new(c.Slos.Alerts(), Legend.Of("alertname", Slo.RuleNames.SloLabel, RumLabels.Release))], 24));
        }
        panels.Add(new("Top failing routes: page-load errors", PanelKind.Table, "reqps", $"The {TopRoutes} routes with the most failed page loads per second.",
            [new($"topk({TopRoutes}, {q.Rate(RumMetrics.PageViews, [RumLabels.Route], (RumLabels.Outcome, RumMetrics.OutcomeError))})", Legend.Of(RumLabels.Route))]));
        panels.Add(new("Top failing routes: JavaScript errors", PanelKind.Table, "reqps", $"The {TopRoutes} routes with the most browser errors per second.",
            [new($"topk({TopRoutes}, {q.Rate(RumMetrics.JsErrors, [RumLabels.Route])})", Legend.Of(RumLabels.Route))]));
        panels.Add(ErrorGroupPanel.Build(c.Filter));
        panels.Add(new("Releases side by side", PanelKind.Table, "none",
            "Per release: page views per second, page-load error ratio, LCP p75 and INP p75 in seconds.",
            [
                new(q.Rate(RumMetrics.PageViews, [RumLabels.Release]), $"views/s {Legend.Of(RumLabels.Release)}"),
                new(q.Share(RumMetrics.PageViews, [RumLabels.Release], (RumLabels.Outcome, RumMetrics.OutcomeError)), $"error ratio {Legend.Of(RumLabels.Release)}"),
                new(q.Quantile(0.75, VitalName.Lcp, [RumLabels.Release]), $"LCP p75 {Legend.Of(RumLabels.Release)}"),
                new(q.Quantile(0.75, VitalName.Inp, [RumLabels.Release]), $"INP p75 {Legend.Of(RumLabels.Release)}"),
            ], 24));
        panels.Add(new("Page-load error ratio by release", PanelKind.TimeSeries, "percentunit", "Failed page loads over all page loads, per release.",
            [new(q.Share(RumMetrics.PageViews, [RumLabels.Release], (RumLabels.Outcome, RumMetrics.OutcomeError)), Legend.Of(RumLabels.Release))]));
        panels.Add(new("Transaction failure ratio by release", PanelKind.TimeSeries, "percentunit", "Failed business transactions over all, per name and release.",
            [new(q.Share(RumMetrics.Transactions, [RumLabels.Name, RumLabels.Release], (RumLabels.Outcome, RumMetrics.TransactionFailure)), Legend.Of(RumLabels.Name, RumLabels.Release))]));
        return new Dashboard(c.Uid(Kind), c.Title("on-call"), Kind, c.Tags(Kind), c.Variables(), panels);
    }
}
