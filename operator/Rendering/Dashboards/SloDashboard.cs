using RumOperator.Api;
using RumOperator.Slo;

namespace RumOperator.Rendering.Dashboards;

/// <summary>The detail dashboard of one RumSLO: SLI, budget, every burn-rate window, traffic and alerts, per group.</summary>
public static class SloDashboard
{
    public const string Kind = "slo";

    /// <param name="events">The events of each group over the fastest page condition's long window (the low-traffic guard), when the engine has it.</param>
    public static Dashboard Build(RumSlo slo, SloSeries series, string? events)
    {
        var groupBy = series.GroupBy;
        var legend = groupBy.Count == 0 ? slo.Name : string.Join(" ", groupBy.Select(l => $"{{{{{l}}}}}"));
        var selector = series.Selector[..^1] + string.Concat(groupBy.Select(l => $",{l}=~{PromQl.Quote("$" + l)}")) + "}";
        var panels = new List<Panel>
        {
            new("SLI over the SLO window", PanelKind.Stat, "percentunit", $"Share of good events over {slo.Spec.Window}; the objective is {PromQl.Number(slo.Spec.Objective)}%.",
                [new($"{series.Sli}{selector}", legend)], 8),
            new("Error budget remaining", PanelKind.Stat, "percentunit", "Share of the error budget left over the SLO window.",
                [new($"{series.ErrorBudgetRemaining}{selector}", legend)], 8),
            new("Alerts firing", PanelKind.Stat, "none", "This SLO's alerts firing now.",
                [new($"count by (alertname) ({SloSeries.AlertsSeries}{selector[..^1]},{SloSeries.AlertStateLabel}=\"firing\"}})", "{{alertname}}")], 8),
            new("Burn rate by window", PanelKind.TimeSeries, "none",
                $"Burn rate over each alert window; the fastest page condition fires above {PromQl.Number(series.PageBurnFactor)} over {PromQl.Duration(series.ShortWindow)} and its long window.",
                [.. series.BurnRates.Select(b => new PanelQuery($"{b.Series}{selector}", $"{PromQl.Duration(b.Window)} {legend}"))], 24),
            new("SLI over the SLO window, by group", PanelKind.TimeSeries, "percentunit", "The SLI per group over time.",
                [new($"{series.Sli}{selector}", legend)]),
            new("Error budget remaining, by group", PanelKind.TimeSeries, "percentunit", "The error budget per group over time.",
                [new($"{series.ErrorBudgetRemaining}{selector}", legend)]),
        };
        if (events is not null)
            panels.Add(new("Events in the guard window", PanelKind.TimeSeries, "none",
                "Events per group over the fastest page condition's long window; no page below spec.minEvents.", [new(events, legend)], 24));
        var variables = groupBy.Select(l => new LabelVariable(l, series.Sli + series.Selector)).ToList();
        return new Dashboard(DashboardUid.For(slo.Namespace, "slo", slo.Name), $"RUM SLO: {slo.Namespace}/{slo.Name}", Kind, ["rum", Kind, $"slo:{slo.Name}"], variables, panels);
    }
}
