using System.Text.Json.Nodes;
using RumOperator.Metrics;

namespace RumOperator.Rendering.Dashboards;

/// <summary>Debug: every label broken down, failed resources, long tasks, trace correlation, what the collector dropped.</summary>
public static class DebugDashboard
{
    public const string Kind = "debug";

    public static Dashboard Build(PipelineDashboardContext c)
    {
        var q = c.Queries;
        var panels = new List<Panel>();
        foreach (var label in c.ExportedLabels)
            panels.Add(new($"Page views and errors by {label}", PanelKind.TimeSeries, "reqps", $"Page views and failed page loads per second, per {label}.",
            [
                new(q.Rate(RumMetrics.PageViews, [label]), $"views {{{{{label}}}}}"),
                new(q.Rate(RumMetrics.PageViews, [label], (RumLabels.Outcome, RumMetrics.OutcomeError)), $"errors {{{{{label}}}}}"),
            ]));
        panels.Add(new("JavaScript errors by kind", PanelKind.TimeSeries, "reqps", "Browser errors per second, per kind.",
            [new(q.Rate(RumMetrics.JsErrors, [RumLabels.Kind]), Legend.Of(RumLabels.Kind))]));
        panels.Add(new("Failed resources by party", PanelKind.TimeSeries, "reqps",
            "Failed resource requests (status 0 or ≥ 400) per second, first or third party. The host is not a metric label (unbounded); see the raw events.",
            [new(q.Rate(RumMetrics.ResourceRequests, [RumLabels.Party], (RumLabels.Outcome, RumMetrics.OutcomeError)), Legend.Of(RumLabels.Party))]));
        panels.Add(new("Failed resource ratio by party and route", PanelKind.Table, "percentunit", "Failed over all resource requests, per party and route.",
            [new(q.Share(RumMetrics.ResourceRequests, [RumLabels.Party, RumLabels.Route], (RumLabels.Outcome, RumMetrics.OutcomeError)), Legend.Of(RumLabels.Party, RumLabels.Route))]));
        panels.Add(new("Long tasks: blocking time by party", PanelKind.TimeSeries, "s", "Seconds of main-thread long tasks per second, per party.",
            [new(q.Rate(RumMetrics.LongTask + "_sum", [RumLabels.Party]), Legend.Of(RumLabels.Party))]));
        panels.Add(new("Long tasks: p95 duration by party", PanelKind.TimeSeries, "s", "95th percentile long-task duration, per party.",
            [new($"histogram_quantile(0.95, {q.Rate(RumMetrics.LongTask + "_bucket", [RumLabels.Le, RumLabels.Party])})", Legend.Of(RumLabels.Party))]));
        panels.Add(new("Share of page views with a trace id", PanelKind.TimeSeries, "percentunit",
            "Page views carrying a valid traceparent over all page views: how much of RUM joins backend traces.",
            [new($"{q.Rate(RumMetrics.TraceCorrelated, [])}\n/\n{q.Rate(RumMetrics.PageViews, [])}", "with trace id")]));
        panels.Add(new("Events received by type", PanelKind.TimeSeries, "reqps", "Events of admitted beacons per second (unweighted), per type.",
            [new($"sum by ({RumLabels.Type}) (rate({c.Filter.Unfiltered(RumMetrics.EventsReceived)}[{DashboardFilter.RateInterval}]))", Legend.Of(RumLabels.Type))]));
        panels.Add(new("Events dropped by reason", PanelKind.TimeSeries, "reqps", "Events the collector dropped per second, per reason.",
            [new($"sum by ({RumLabels.Reason}) (rate({c.Filter.Unfiltered(RumMetrics.EventsDropped)}[{DashboardFilter.RateInterval}]))", Legend.Of(RumLabels.Reason))]));
        var dashboard = new Dashboard(c.Uid(Kind), c.Title("debug"), Kind, c.Tags(Kind), c.Variables(), panels);
        return c.LogsDatasource is { Length: > 0 } logs ? dashboard with { Links = [RawEvents(logs, c)] } : dashboard;
    }

    /// <summary>Grafana Explore on the logs datasource, over the dashboard's time range, for the app's raw events.</summary>
    private static DashboardLink RawEvents(string datasourceUid, PipelineDashboardContext c)
    {
        var pane = new JsonObject
        {
            ["datasource"] = datasourceUid,
            ["queries"] = new JsonArray(new JsonObject { ["refId"] = "A", ["datasource"] = new JsonObject { ["uid"] = datasourceUid }, ["expr"] = "" }),
            ["range"] = new JsonObject { ["from"] = "${__from}", ["to"] = "${__to}" },
        };
        var panes = new JsonObject { ["raw"] = pane }.ToJsonString();
        // Grafana interpolates ${__from} and ${__to} in link URLs, so they stay unescaped.
        var url = "/explore?schemaVersion=1&panes=" + Uri.EscapeDataString(panes)
            .Replace(Uri.EscapeDataString("${__from}"), "${__from}").Replace(Uri.EscapeDataString("${__to}"), "${__to}");
        return new DashboardLink($"Raw events ({c.Pipeline.Namespace}/{c.Pipeline.Name})", url);
    }
}
