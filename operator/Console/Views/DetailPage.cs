using System.Globalization;
using System.Text;
using RumOperator.SloConsole.Data;
using RumOperator.PrometheusApi;
using RumOperator.Slo;

namespace RumOperator.SloConsole.Views;

/// <summary>One SLO: tiles, budget and SLI over the window, the burn-rate alerts, the groups, the guard's history, the manifest.</summary>
public static class DetailPage
{
    public static string Render(SloDetail detail)
    {
        var row = detail.Row;
        var slo = row.Slo;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\"><a href=\"/\">SLOs</a> / {Html.E(row.Namespace)}</p>");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>{Html.E(row.Name)} {Html.Badge(row.Alert, row.FiringAlert)}</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">app {Html.E(slo.Spec.App ?? "—")} · SLI {Html.E(slo.Spec.Sli.Kind)} · pipeline {Html.E(slo.Spec.PipelineRef.Name)}");
        if (slo.Spec.GroupBy.Count > 0) sb.Append(CultureInfo.InvariantCulture, $" · per {Html.E(string.Join(", ", slo.Spec.GroupBy))}");
        sb.Append("</p>");
        foreach (var (k, v) in row.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) sb.Append(CultureInfo.InvariantCulture, $"<span class=\"label\">{Html.E(k)}={Html.E(v)}</span>");
        if (row.RenderError is { } error) sb.Append(CultureInfo.InvariantCulture, $"<p class=\"warning\">No rules: {Html.E(error)}</p>");

        sb.Append("<div class=\"tiles\">");
        Tile(sb, "Objective", row.Objective.ToString(CultureInfo.InvariantCulture) + "%", $"over {row.Window}");
        Tile(sb, "Availability", Html.Percent(row.Availability, 3), slo.Spec.GroupBy.Count > 0 ? "worst group, over the window" : "over the window");
        Tile(sb, "Error budget remaining", Html.Percent(row.Budget, 1), slo.Spec.GroupBy.Count > 0 ? "worst group" : "of the window's budget");
        sb.Append("</div>");

        var objective = (double)row.Objective / 100;
        sb.Append(CultureInfo.InvariantCulture, $"<h2 id=\"graphs\">Over the last {Html.Duration(detail.Range)}</h2>");
        if (detail.Plan is { } plan)
        {
            sb.Append("<p class=\"sub\">Range: ");
            sb.Append(string.Join(" · ", ConsoleData.RangesFor(plan.SloWindow).Select(r =>
            {
                var text = Html.Duration(r) + (r == plan.SloWindow ? " (window)" : "");
                var href = Html.SloPath(row.Namespace, row.Name) + (r == plan.SloWindow ? "" : "?range=" + Html.U(Html.Duration(r)));
                return r == detail.Range ? $"<a href=\"{href}\" aria-current=\"true\"><b>{text}</b></a>" : $"<a href=\"{href}\">{text}</a>";
            })));
            sb.Append("</p>");
        }
        sb.Append("<div class=\"charts\">");
        sb.Append("<figure id=\"budget-graph\"><figcaption>Error budget remaining</figcaption>");
        sb.Append(SvgChart.Render($"Error budget remaining of {row.Name}", Lines(detail.BudgetSeries, slo.Spec.GroupBy), v => Html.Percent(v, 1),
            rules: [new ChartRule("exhausted", 0)]));
        sb.Append("</figure><figure id=\"sli-graph\"><figcaption>SLI (availability)</figcaption>");
        sb.Append(SvgChart.Render($"SLI of {row.Name}", Lines(detail.SliSeries, slo.Spec.GroupBy), v => Html.Percent(v, 2),
            rules: [new ChartRule("objective", objective)]));
        sb.Append("</figure></div>");

        Alerts(sb, detail);
        Groups(sb, row, detail.Plan);
        History(sb, row);
        sb.Append("<h2 id=\"manifest\">Manifest</h2><pre>").Append(Html.E(detail.Manifest)).Append("</pre>");
        return Layout.Page($"{row.Namespace}/{row.Name}", "/", sb.ToString(), detail.PrometheusError);
    }

    private static void Tile(StringBuilder sb, string key, string value, string note) =>
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"tile\"><div class=\"k\">{Html.E(key)}</div><div class=\"v\">{Html.E(value)}</div><div class=\"k\">{Html.E(note)}</div></div>");

    private static List<ChartLine> Lines(IReadOnlyList<PromSeries> series, IReadOnlyList<string> groupBy) =>
        [.. series.Select(s => new ChartLine(groupBy.Count == 0 ? "all" : string.Join(", ", groupBy.Select(l => s.Labels.GetValueOrDefault(l, ""))), s.Points))
            .OrderBy(l => l.Name, StringComparer.Ordinal)];

    private static void Alerts(StringBuilder sb, SloDetail detail)
    {
        sb.Append("<h2 id=\"alerts\">Burn-rate alerts</h2>");
        if (detail.Alerts.Count == 0) { sb.Append("<p class=\"empty\">No burn-rate alert is enabled.</p>"); return; }
        sb.Append("<table id=\"alert-table\"><thead><tr><th scope=\"col\">State</th><th scope=\"col\">Alert</th><th scope=\"col\">Severity</th><th scope=\"col\" class=\"num\">Exhaustion</th>");
        sb.Append("<th scope=\"col\" class=\"num\">Threshold</th><th scope=\"col\" class=\"num\">Short burn now</th><th scope=\"col\" class=\"num\">Long burn now</th><th scope=\"col\">For</th><th scope=\"col\">Short and long window against the threshold</th></tr></thead><tbody>");
        foreach (var a in detail.Alerts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"alert-row\"><td>{Html.Badge(a.State)}</td><td>{Html.E(a.Alert)}</td><td>{Html.E(a.Severity)}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.Duration(a.Exhaustion)}</td><td class=\"num\">{Html.Number((double)a.Threshold)}×</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.Burn(a.ShortBurn)} <span class=\"muted\">({Html.Duration(a.Short)})</span></td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.Burn(a.LongBurn)} <span class=\"muted\">({Html.Duration(a.Long)})</span></td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td>{(a.For is { } f ? Html.Duration(f) : "—")}</td><td>");
            var lines = new List<ChartLine>();
            if (a.ShortSeries is { } s) lines.Add(new ChartLine($"short {Html.Duration(a.Short)}", s.Points));
            if (a.LongSeries is { } l) lines.Add(new ChartLine($"long {Html.Duration(a.Long)}", l.Points));
            sb.Append(SvgChart.Render($"{a.Alert} {Html.Duration(a.Long)}/{Html.Duration(a.Short)} burn", lines, v => Html.Number(v, "0.#") + "×", 300, 80,
                [new ChartRule("threshold", (double)a.Threshold)], legend: false));
            sb.Append("</td></tr>");
        }
        sb.Append("</tbody></table><p class=\"sub\">Graphs: short window blue, long window orange, threshold dashed red; the worst group at each instant. Exhaustion: how long a burn at the threshold takes to spend the whole budget.</p>");
    }

    private static void Groups(StringBuilder sb, SloRow row, AlertWindowPlan? plan)
    {
        var burnWindow = plan is null ? "" : Html.Duration(plan.FastestPage.Long);
        if (row.Slo.Spec.GroupBy.Count == 0) return;
        var label = string.Join(", ", row.Slo.Spec.GroupBy);
        sb.Append(CultureInfo.InvariantCulture, $"<h2 id=\"releases\">Per {Html.E(label)}</h2>");
        if (row.Groups.Count == 0) { sb.Append(CultureInfo.InvariantCulture, $"<p class=\"empty\">{Html.NoData}</p>"); return; }
        sb.Append(CultureInfo.InvariantCulture, $"<table id=\"group-table\"><thead><tr><th scope=\"col\">{Html.E(label)}</th><th scope=\"col\" class=\"num\">Events (page alert's long window)</th><th scope=\"col\" class=\"num\">SLI</th><th scope=\"col\" class=\"num\">Burn ({burnWindow})</th><th scope=\"col\" class=\"num\">Error budget</th></tr></thead><tbody>");
        foreach (var g in row.Groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"group-row\" data-group=\"{Html.E(g.Group)}\"><td><b>{Html.E(g.Group)}</b>{(g.LowTraffic ? "<span class=\"low\">low traffic</span>" : "")}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.Number(g.Events, "0")}</td><td class=\"num\">{Html.Percent(g.Sli, 3)}</td><td class=\"num\">{Html.Burn(g.Burn)}</td><td class=\"num\">{ListPage.BudgetCell(g.Budget)}</td></tr>");
        }
        sb.Append("</tbody></table>");
    }

    private static void History(StringBuilder sb, SloRow row)
    {
        sb.Append("<h2 id=\"rollbacks\">Rollback history</h2>");
        var rollbacks = row.Slo.Status?.Rollbacks ?? [];
        if (rollbacks.Count == 0)
        {
            sb.Append(row.Slo.Spec.Rollback is { Enabled: true } ? "<p class=\"empty\">The release guard has not acted on this SLO.</p>" : "<p class=\"empty\">Rollback is not enabled for this SLO.</p>");
            return;
        }
        sb.Append("<table id=\"rollback-table\"><thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Release</th><th scope=\"col\">Action</th><th scope=\"col\">Result</th><th scope=\"col\">Reason</th><th scope=\"col\" class=\"num\">Burn</th><th scope=\"col\" class=\"num\">Events</th></tr></thead><tbody>");
        foreach (var r in Enumerable.Reverse(rollbacks))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"rollback-row\"><td>{Html.Time(r.Time)}</td><td><b>{Html.E(r.Release)}</b></td><td>{Html.E(r.Action)}</td><td>{Html.ResultBadge(r.Result)}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td>{Html.E(r.Message)}</td><td class=\"num\">{Html.E(r.BurnRate)}×</td><td class=\"num\">{r.Events.ToString(CultureInfo.InvariantCulture)}</td></tr>");
        }
        sb.Append("</tbody></table>");
    }
}
