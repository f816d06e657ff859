using System.Text.RegularExpressions;
using RumOperator.Metrics;
using RumOperator.Slo;

namespace RumOperator.Rendering.Dashboards;

/// <summary>One RumSLO as the pipeline dashboards see it: its name and recorded series.</summary>
public sealed record DashboardSlo(string Name, SloSeries Series);

/// <summary>
/// Queries over the SLO engine's recorded series and Prometheus' ALERTS series for a set of RumSLOs of one namespace.
/// Series names come from <see cref="SloSeries"/>; the burn-rate windows differ per SLO, so burn queries go per SLO.
/// </summary>
public sealed class SloPanels(string ns, IReadOnlyList<DashboardSlo> slos, bool releaseVariable)
{
    private const string Release = RumLabels.Release;

    public IReadOnlyList<DashboardSlo> Slos => slos;

    /// <summary>{namespace="shop",slo=~"a|b",release=~"$release"}: every SLO here, filtered by the release variable.</summary>
    public string Selector(params string[] extra) => Selector(slos, extra);

    private string Selector(IEnumerable<DashboardSlo> set, params string[] extra)
    {
        var names = string.Join("|", set.Select(s => Regex.Escape(s.Name)));
        var matchers = new List<string> { $"namespace={PromQl.Quote(ns)}", $"slo=~{PromQl.Quote(names)}" };
        if (releaseVariable) matchers.Add($"{Release}=~{PromQl.Quote("$" + Release)}");
        return "{" + string.Join(",", matchers.Concat(extra)) + "}";
    }

    /// <summary>Each SLO's short-window burn rate (the fastest page condition's), one query per SLO.</summary>
    public IReadOnlyList<PanelQuery> ShortBurn() =>
        [.. slos.Select(s => new PanelQuery($"{s.Series.ShortBurn}{Selector([s])}", Legend.Of(RuleNames.SloLabel, RumLabels.Release)))];

    public PanelQuery BudgetRemaining() =>
        new($"{slos[0].Series.ErrorBudgetRemaining}{Selector()}", Legend.Of(RuleNames.SloLabel, RumLabels.Release));

    public PanelQuery BudgetSpent() =>
        new($"1 - {slos[0].Series.ErrorBudgetRemaining}{Selector()}", Legend.Of(RuleNames.SloLabel, RumLabels.Release));

    /// <summary>Alerts of these SLOs in a state (firing), optionally one alert name.</summary>
    public string Alerts(string? alertName = null) => SloSeries.AlertsSeries + Selector(
        [.. (alertName is null ? Array.Empty<string>() : [$"{SloSeries.AlertNameLabel}={PromQl.Quote(alertName)}"]),
         $"{SloSeries.AlertStateLabel}={PromQl.Quote("firing")}"]);
}
