using System.Globalization;
using System.Text;
using RumOperator.SloConsole.Data;

namespace RumOperator.SloConsole.Views;

/// <summary>The SLO list: Pyrra's columns, a row per release under each SLO that groups by it, and the guard's last action.</summary>
public static class ListPage
{
    public static string Render(SloList list, ListFilter filter)
    {
        var sb = new StringBuilder();
        sb.Append("<h1>Service-level objectives</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">{list.Rows.Count} of {list.Total} shown · sorted by {Html.E(filter.Sort.ToString().ToLowerInvariant())}, {(filter.Descending ? "descending" : "ascending")}</p>");
        sb.Append(Filters(list, filter));
        if (list.Rows.Count == 0)
        {
            sb.Append(list.Total == 0 ? "<p class=\"empty\">No RumSLOs in the watched namespaces.</p>" : "<p class=\"empty\">No SLO matches this filter.</p>");
            return Layout.Page("SLOs", "/", sb.ToString(), list.PrometheusError);
        }
        sb.Append("<table id=\"slos\"><caption class=\"skip\">RumSLOs</caption><thead><tr>");
        sb.Append(Header("Name", ListSort.Name, filter));
        sb.Append("<th scope=\"col\">Window</th>");
        sb.Append(Header("Objective", ListSort.Objective, filter, numeric: true));
        sb.Append(Header("Availability", ListSort.Availability, filter, numeric: true));
        sb.Append(Header("Error budget", ListSort.Budget, filter, numeric: true));
        sb.Append(Header("Alerts", ListSort.Alert, filter));
        sb.Append("<th scope=\"col\">Guard's last action</th></tr></thead><tbody>");
        foreach (var row in list.Rows) Row(sb, row);
        sb.Append("</tbody></table>");
        return Layout.Page("SLOs", "/", sb.ToString(), list.PrometheusError);
    }

    private static void Row(StringBuilder sb, SloRow row)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"slo\" data-slo=\"{Html.E(row.Namespace)}/{Html.E(row.Name)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<td><a href=\"{Html.SloPath(row.Namespace, row.Name)}\"><span class=\"muted\">{Html.E(row.Namespace)}/</span>{Html.E(row.Name)}</a><br>");
        foreach (var (k, v) in row.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) sb.Append(CultureInfo.InvariantCulture, $"<span class=\"label\">{Html.E(k)}={Html.E(v)}</span>");
        if (row.RenderError is { } error) sb.Append(CultureInfo.InvariantCulture, $"<span class=\"low\" title=\"{Html.E(error)}\">no rules: {Html.E(error)}</span>");
        sb.Append("</td>");
        sb.Append(CultureInfo.InvariantCulture, $"<td>{Html.E(row.Window)}</td>");
        sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{row.Objective.ToString(CultureInfo.InvariantCulture)}%</td>");
        sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num availability\">{Html.Percent(row.Availability, 3)}</td>");
        sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num budget\">{BudgetCell(row.Budget)}</td>");
        sb.Append(CultureInfo.InvariantCulture, $"<td>{Html.Badge(row.Alert, row.FiringAlert)}</td>");
        sb.Append(CultureInfo.InvariantCulture, $"<td>{LastAction(row)}</td></tr>");
        foreach (var g in row.Groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"group\" data-group=\"{Html.E(g.Group)}\"><td>{Html.E(string.Join(", ", row.Slo.Spec.GroupBy))} <b>{Html.E(g.Group)}</b>");
            if (g.LowTraffic) sb.Append(CultureInfo.InvariantCulture, $"<span class=\"low\" title=\"fewer events than minEvents in the page alert's long window: no alert, no rollback\">low traffic · {Html.Number(g.Events ?? 0, "0")} events</span>");
            sb.Append(CultureInfo.InvariantCulture, $"</td><td></td><td></td><td class=\"num\">{Html.Percent(g.Sli, 3)}</td><td class=\"num\">{BudgetCell(g.Budget)}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"muted\">burn {Html.Burn(g.Burn)}</td><td class=\"muted\">{Html.Number(g.Events, "0")} events</td></tr>");
        }
    }

    public static string BudgetCell(double? budget)
    {
        if (budget is not { } b || !double.IsFinite(b)) return Html.NoData;
        var width = Math.Clamp(b, 0, 1) * 100;
        return $"<span class=\"bar{(b <= 0 ? " spent" : "")}\" aria-hidden=\"true\"><i class=\"{(b < 0.25 ? "low" : "")}\" style=\"width:{width.ToString("0", CultureInfo.InvariantCulture)}%\"></i></span>{Html.Percent(b, 1)}";
    }

    private static string LastAction(SloRow row) => row.LastAction is not { } last ? "<span class=\"muted\">none</span>"
        : $"{Html.ResultBadge(last.Result)} {Html.E(last.Action)} of <b>{Html.E(last.Release)}</b><br><span class=\"muted\">{Html.Time(last.Time)}</span>";

    private static string Header(string text, ListSort key, ListFilter filter, bool numeric = false)
    {
        var active = filter.Sort == key;
        var descending = active && !filter.Descending;
        var sort = active ? (filter.Descending ? "descending" : "ascending") : "none";
        var arrow = active ? (filter.Descending ? " ▼" : " ▲") : "";
        return $"<th scope=\"col\" aria-sort=\"{sort}\"{(numeric ? " class=\"num\"" : "")}><a href=\"/{filter.Query(key, descending)}\">{text}{arrow}</a></th>";
    }

    private static string Filters(SloList list, ListFilter filter)
    {
        var sb = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/\" role=\"search\">");
        sb.Append(CultureInfo.InvariantCulture, $"<label>Search<input type=\"search\" name=\"q\" value=\"{Html.E(filter.Search)}\" placeholder=\"name, app, release\" maxlength=\"{ListFilter.MaxLength}\"></label>");
        sb.Append(CultureInfo.InvariantCulture, $"<label>Label<input type=\"text\" name=\"label\" value=\"{Html.E(filter.Label)}\" placeholder=\"team=checkout\" maxlength=\"{ListFilter.MaxLength}\"></label>");
        sb.Append("<label>Namespace<select name=\"ns\"><option value=\"\">all</option>");
        foreach (var ns in list.Namespaces)
            sb.Append(CultureInfo.InvariantCulture, $"<option{(ns == filter.Namespace ? " selected" : "")}>{Html.E(ns)}</option>");
        sb.Append("</select></label>");
        if (filter.Sort != ListSort.Budget) sb.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"sort\" value=\"{filter.Sort.ToString().ToLowerInvariant()}\">");
        if (filter.Descending) sb.Append("<input type=\"hidden\" name=\"dir\" value=\"desc\">");
        sb.Append("<button type=\"submit\">Filter</button> <a href=\"/\">Clear</a></form>");
        return sb.ToString();
    }
}
