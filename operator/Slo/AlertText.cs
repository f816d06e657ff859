using System.Text.Json.Nodes;
using RumOperator.Api;

namespace RumOperator.Slo;

/// <summary>Alert annotations: what burns, how fast, and what it means for the budget.</summary>
internal sealed class AlertText(RumSlo slo, decimal budget, TimeSpan sloWindow)
{
    private string Who => slo.Spec.GroupBy.Count == 0
        ? $"RumSLO {slo.Namespace}/{slo.Name}"
        : $"RumSLO {slo.Namespace}/{slo.Name} ({string.Join(", ", slo.Spec.GroupBy.Select(l => $"{l} {{{{ $labels.{l} }}}}"))})";

    public JsonObject Burn(string tier, IReadOnlyList<BurnCondition> conditions, TimeSpan? outageWindow, decimal? outageBurn, long minEvents)
    {
        var windows = string.Join("; ", conditions.Select(c =>
            $"{PromQl.Number(c.Factor)}x over {PromQl.Duration(c.Long)} and {PromQl.Duration(c.Short)}" +
            $" (spends {PromQl.Number(Math.Round(c.Factor * (decimal)(c.Long / sloWindow) * 100m, 1))}% of the budget in {PromQl.Duration(c.Long)})"));
        if (outageWindow is { } ow && outageBurn is { } ob)
            windows += $"; outage: {PromQl.Number(ob)}x over {PromQl.Duration(ow)}";
        return Annotations(
            $"{Who} burns its error budget at {{{{ $value | printf \"%.1f\" }}}}x ({tier})",
            $"The {Describe()} SLO ({PromQl.Number(slo.Spec.Objective)}% over {slo.Spec.Window}, error budget {PromQl.Number(budget * 100)}% of events) " +
            $"burns its budget {{{{ $value | printf \"%.1f\" }}}} times faster than sustainable. Conditions: {windows}. " +
            $"Only with at least {minEvents} events in the long window.");
    }

    /// <summary>
    /// The burn rate ($value of the page alert is a burn-rate series) and the events of the alert's own group over
    /// the guard window, as numbers for the release guard. The events query runs when the alert is evaluated;
    /// PromQL with a backtick cannot sit in a Go raw string, so such a (raw) SLI gets no events annotation.
    /// </summary>
    public JsonObject Signal(string eventsQuery)
    {
        var a = new JsonObject { [RuleNames.BurnRateAnnotation] = "{{ $value }}" };
        if (eventsQuery.Contains('`')) return a;
        var sameGroup = slo.Spec.GroupBy.Count == 0
            ? ""
            : $"{{{{ if and {string.Join(" ", slo.Spec.GroupBy.Select(l => $"(eq .Labels.{l} $labels.{l})"))} }}}}";
        var end = slo.Spec.GroupBy.Count == 0 ? "" : "{{ end }}";
        a[RuleNames.EventsAnnotation] = $"{{{{ range query `{eventsQuery}` }}}}{sameGroup}{{{{ printf \"%.0f\" .Value }}}}{end}{{{{ end }}}}";
        return a;
    }

    public JsonObject NoData(TimeSpan window) => Annotations(
        $"RumSLO {slo.Namespace}/{slo.Name} receives no events",
        $"No {Describe()} events for {PromQl.Duration(window)} while the collectors of pipeline {slo.Spec.PipelineRef.Name} are up: " +
        "a broken SDK, a wrong ingest key or origin, or a collector that drops everything.");

    private JsonObject Annotations(string summary, string description)
    {
        var a = new JsonObject { ["summary"] = summary, ["description"] = description };
        if (slo.Spec.Alerting.RunbookUrl is { } url) a["runbook_url"] = url;
        return a;
    }

    private string Describe() => slo.Spec.Sli switch
    {
        { Vital: { } v } => $"{v.Name.ToString().ToUpperInvariant()} ≤ {v.Threshold}",
        { Errors: { } e } => e.Kind switch
        {
            ErrorsSliKind.PageLoad => "page-load success",
            ErrorsSliKind.JsErrorSession => "error-free sessions",
            _ => "resource success",
        },
        { Transaction: { } t } => $"{t.Name} transaction success",
        _ => "custom",
    };
}
