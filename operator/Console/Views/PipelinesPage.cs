using System.Globalization;
using System.Text;
using RumOperator.SloConsole.Data;

namespace RumOperator.SloConsole.Views;

/// <summary>Each pipeline's collectors: ready replicas, throughput, drops by reason and the series budget.</summary>
public static class PipelinesPage
{
    public static string Render(PipelineList list)
    {
        var sb = new StringBuilder("<h1>Pipelines</h1><p class=\"sub\">Collectors from RumPipeline status; rates over 2 minutes from the collectors' own metrics.</p>");
        if (list.Rows.Count == 0)
        {
            sb.Append("<p class=\"empty\">No RumPipelines in the watched namespaces.</p>");
            return Layout.Page("Pipelines", "/pipelines", sb.ToString(), list.PrometheusError);
        }
        sb.Append("<table id=\"pipelines\"><thead><tr><th scope=\"col\">Pipeline</th><th scope=\"col\" class=\"num\">Collectors ready</th><th scope=\"col\" class=\"num\">Scraped up</th>");
        sb.Append("<th scope=\"col\" class=\"num\">Events/s received</th><th scope=\"col\">Events/s dropped, by reason</th><th scope=\"col\">Beacons/s rejected, by reason</th><th scope=\"col\">Series budget used</th></tr></thead><tbody>");
        foreach (var p in list.Rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"pipeline\" data-pipeline=\"{Html.E(p.Namespace)}/{Html.E(p.Name)}\"><td><span class=\"muted\">{Html.E(p.Namespace)}/</span>{Html.E(p.Name)}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(p.Replicas is null && p.Ready is null ? Html.NoData : $"{p.Ready ?? 0} / {p.Replicas ?? 0}")}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.Number(p.ScrapedUp, "0")}</td><td class=\"num received\">{Html.Number(p.EventsPerSecond)}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td>{Reasons(p.DroppedPerSecond)}</td><td>{Reasons(p.RejectedPerSecond)}</td><td>{Series(p)}</td></tr>");
        }
        sb.Append("</tbody></table>");
        return Layout.Page("Pipelines", "/pipelines", sb.ToString(), list.PrometheusError);
    }

    private static string Reasons(IReadOnlyList<KeyValuePair<string, double>> reasons) =>
        reasons.Count == 0 ? "<span class=\"muted\">none</span>"
            : string.Join(" ", reasons.Select(r => $"<span class=\"label\">{Html.E(r.Key)} {Html.Number(r.Value)}</span>"));

    private static string Series(PipelineRow p) => p.SeriesUsed is not { } used
        ? Html.NoData
        : p.SeriesMax is { } max and > 0
            ? $"{Html.Percent(used / max, 1)} <span class=\"muted\">({Html.Number(used, "0")} of {Html.Number(max, "0")})</span>"
            : Html.Number(used, "0");
}
