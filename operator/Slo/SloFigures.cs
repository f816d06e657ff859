using System.Globalization;
using RumOperator.Api;
using RumOperator.PrometheusApi;

namespace RumOperator.Slo;

/// <summary>
/// An SLO's current figures as status shows them: percent strings and burn rates per alert window. With groupBy
/// there is one series per group; status reports the worst group (lowest SLI and budget, highest burn).
/// </summary>
public sealed record SloFigures(string? CurrentSli, string? ErrorBudgetRemaining, IReadOnlyDictionary<string, string> BurnRates)
{
    /// <summary>One query for every series the SLO's recording rules produce.</summary>
    public static string Query(RumSlo slo, AlertWindowPlan plan)
    {
        var names = string.Join("|", new[] { RuleNames.Sli(plan.SloWindow), RuleNames.ErrorBudgetRemaining }
            .Concat(plan.Windows.Select(RuleNames.BurnRate)).Select(System.Text.RegularExpressions.Regex.Escape));
        return "{" + $"__name__=~{PromQl.Quote(names)},{RuleNames.SloLabel}={PromQl.Quote(slo.Name)},{RuleNames.NamespaceLabel}={PromQl.Quote(slo.Namespace)}" + "}";
    }

    public static SloFigures From(IReadOnlyList<PromSample> samples, AlertWindowPlan plan)
    {
        var usable = samples.Where(s => !double.IsNaN(s.Value)).ToList();
        double? Worst(string name, bool lowest)
        {
            var values = usable.Where(s => s.Name == name).Select(s => s.Value).ToList();
            return values.Count == 0 ? null : lowest ? values.Min() : values.Max();
        }
        var burnRates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var window in plan.Windows)
            if (Worst(RuleNames.BurnRate(window), lowest: false) is { } burn) burnRates[PromDuration.Format(window)] = Format(burn, "0.##");
        return new SloFigures(
            Percent(Worst(RuleNames.Sli(plan.SloWindow), lowest: true)),
            Percent(Worst(RuleNames.ErrorBudgetRemaining, lowest: true)),
            burnRates);
    }

    private static string? Percent(double? ratio) => ratio is { } r ? Format(r * 100, "0.###") : null;

    private static string Format(double value, string format) =>
        double.IsInfinity(value) ? (value > 0 ? "+Inf" : "-Inf") : value.ToString(format, CultureInfo.InvariantCulture);
}
