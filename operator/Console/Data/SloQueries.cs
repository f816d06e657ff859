using System.Text.RegularExpressions;
using RumOperator.Api;
using RumOperator.Slo;

namespace RumOperator.SloConsole.Data;

/// <summary>An SLO with its rendered rules (the plan and queries the SLO engine made), or why it has none.</summary>
public sealed record RenderedSlo(RumSlo Slo, SloRenderResult Rendered)
{
    public AlertWindowPlan? Plan => Rendered.Ok ? Rendered.Plan : null;
    public string? Error => Rendered.Ok ? null : string.Join("; ", Rendered.Errors.Select(e => $"{e.Field}: {e.Reason}"));
}

/// <summary>
/// The console's PromQL, over the SLO engine's own recorded series: every series name comes from
/// <see cref="RuleNames"/> and every traffic query from the engine's render, so a change to the rules reaches the
/// console without a second copy of a name. A page's query count does not grow with the number of SLOs.
/// </summary>
public static class SloQueries
{
    /// <summary>The alerts of the SLO engine, by name.</summary>
    public static readonly IReadOnlyList<string> AlertNames = [RuleNames.PageAlert, RuleNames.TicketAlert, RuleNames.NoDataAlert];

    /// <summary>For the list: each SLO's SLI over its window, its budget and its fastest page alert's long burn, in one query.</summary>
    public static string ListFigures(IEnumerable<AlertWindowPlan> plans)
    {
        var names = plans.SelectMany(p => new[] { RuleNames.Sli(p.SloWindow), RuleNames.BurnRate(p.FastestPage.Long) })
            .Append(RuleNames.ErrorBudgetRemaining).Distinct().Order(StringComparer.Ordinal);
        return "{" + $"__name__=~{NameRegex(names)},{RuleNames.SloLabel}!=\"\"" + "}";
    }

    /// <summary>ALERTS of the engine's alerts, all SLOs or one.</summary>
    public static string Alerts(RumSlo? slo = null) =>
        "ALERTS{" + $"alertname=~{NameRegex(AlertNames)}" + (slo is null ? "" : "," + Own(slo)) + "}";

    /// <summary>
    /// Events per group over the fastest page alert's long window (what minEvents is compared with), for many SLOs in
    /// one query: each SLO's own events expression, tagged with its slo and namespace labels.
    /// </summary>
    public static string? Events(IEnumerable<RenderedSlo> slos)
    {
        var terms = slos.Where(s => s.Rendered.Page is not null).Select(s =>
            $"label_replace(label_replace(\n{s.Rendered.Page!.Events}\n, {PromQl.Quote(RuleNames.SloLabel)}, {PromQl.Quote(s.Slo.Name)}, \"__name__\", \".*\")" +
            $", {PromQl.Quote(RuleNames.NamespaceLabel)}, {PromQl.Quote(s.Slo.Namespace)}, \"__name__\", \".*\")").ToList();
        return terms.Count == 0 ? null : string.Join("\nor\n", terms);
    }

    /// <summary>For the detail graphs: the SLI over the window and the budget remaining, per group.</summary>
    public static string SliAndBudget(RumSlo slo, AlertWindowPlan plan) =>
        "{" + $"__name__=~{NameRegex([RuleNames.Sli(plan.SloWindow), RuleNames.ErrorBudgetRemaining])},{Own(slo)}" + "}";

    /// <summary>For the alert rows' graphs: every burn-rate window, the worst group at each instant.</summary>
    public static string BurnRates(RumSlo slo, AlertWindowPlan plan) =>
        "max by (__name__) ({" + $"__name__=~{NameRegex(plan.Windows.Select(RuleNames.BurnRate))},{Own(slo)}" + "})";

    private static string Own(RumSlo slo) =>
        $"{RuleNames.SloLabel}={PromQl.Quote(slo.Name)},{RuleNames.NamespaceLabel}={PromQl.Quote(slo.Namespace)}";

    private static string NameRegex(IEnumerable<string> names) => PromQl.Quote(string.Join("|", names.Select(Regex.Escape)));
}
