using System.Globalization;
using System.Text;
using RumOperator.Metrics;
using RumOperator.SloConsole.Data;

namespace RumOperator.SloConsole.Views;

/// <summary>
/// The error groups of every pipeline, most events first: what an on-call person opens after a JavaScript-error alert.
/// Type, message and frame come from browsers (redacted, but still attacker-controlled): every one is escaped.
/// </summary>
public static class ErrorsPage
{
    public const string Path = "/errors";

    public static string Render(ErrorGroupList list)
    {
        var f = list.Filter;
        var sb = new StringBuilder("<h1>Errors</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">JavaScript error groups over the last {Html.Duration(f.Range)}, most events first (top {ErrorGroupQueries.Top}); " +
            $"first and last seen within that range, to {Html.Duration(list.Step)}. <code>{Html.E(RumMetrics.Other)}</code> is every error outside the collector's top groups per app.</p>");
        sb.Append($"<form class=\"filters\" method=\"get\" action=\"{Path}\" role=\"search\">");
        sb.Append($"<label>App<input name=\"app\" value=\"{Html.E(f.App)}\" maxlength=\"{ListFilter.MaxLength}\"></label>");
        sb.Append($"<label>Release<input name=\"release\" value=\"{Html.E(f.Release)}\" maxlength=\"{ListFilter.MaxLength}\"></label>");
        sb.Append("<label>Range<select name=\"range\">");
        foreach (var r in ErrorFilter.Ranges)
            sb.Append($"<option value=\"{Html.Duration(r)}\"{(r == f.Range ? " selected" : "")}>{Html.Duration(r)}</option>");
        sb.Append("</select></label><button type=\"submit\">Show</button></form>");
        if (list.Rows.Count == 0)
        {
            sb.Append("<p class=\"empty\">No error groups with events in this range.</p>");
            return Layout.Page("Errors", Path, sb.ToString(), list.PrometheusError);
        }
        sb.Append("<table id=\"errors\"><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Type and message</th><th scope=\"col\">Top frame</th>");
        sb.Append("<th scope=\"col\" class=\"num\">Events</th><th scope=\"col\" class=\"num\">Sessions</th><th scope=\"col\">Releases</th><th scope=\"col\">First seen</th><th scope=\"col\">Last seen</th></tr></thead><tbody>");
        foreach (var g in list.Rows)
        {
            var pipeline = g.Namespace.Length > 0 || g.Job.Length > 0 ? $"<br><span class=\"muted\">{Html.E(g.Namespace)}/{Html.E(g.Job)}</span>" : "";
            var appLink = $"{Path}{(f with { App = g.App }).Query()}";
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"error-group\" data-group=\"{Html.E(g.Group)}\"><td><code>{Html.E(g.Group)}</code><br><a href=\"{Html.E(appLink)}\">{Html.E(g.App)}</a>{pipeline}</td>");
            sb.Append(g.Type is null && g.Message is null
                ? $"<td class=\"muted\">{(g.Group == RumMetrics.Other ? "errors outside the top groups" : "no text scraped yet")}</td><td></td>"
                : $"<td><b>{Html.E(g.Type)}</b> {Html.E(g.Message)}</td><td><code>{Html.E(g.Frame)}</code></td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num events\">{Html.Number(g.Events, "0")}</td><td class=\"num\">{Html.Number(g.Sessions, "0")}</td>");
            sb.Append($"<td>{string.Join(" ", g.Releases.Select(r => $"<a class=\"label\" href=\"{Html.E(Path + (f with { Release = r }).Query())}\">{Html.E(r)}</a>"))}</td>");
            sb.Append($"<td>{Seen(g.FirstSeen)}</td><td>{Seen(g.LastSeen)}</td></tr>");
        }
        sb.Append("</tbody></table>");
        return Layout.Page("Errors", Path, sb.ToString(), list.PrometheusError);
    }

    private static string Seen(DateTimeOffset? at) => at is { } t ? Html.Time(t.UtcDateTime) : Html.NoData;
}
