using RumOperator.Api;

namespace RumOperator.Slo;

/// <summary>
/// The recorded series and alerts of one RumSLO that readers outside the engine query: dashboards and canary analysis.
/// They name series only through this record, so a change to the engine's recordings reaches them by construction.
/// </summary>
/// <param name="Selector">Matchers of every series and alert of this SLO: {slo="…",namespace="…"}.</param>
/// <param name="ShortBurn">The burn rate over the fastest page condition's short window, per group (release).</param>
/// <param name="PageBurnFactor">The burn rate above which the fastest page condition fires.</param>
/// <param name="BurnRates">Every recorded burn-rate window, shortest first.</param>
public sealed record SloSeries(
    string Selector,
    string ShortBurn,
    TimeSpan ShortWindow,
    decimal PageBurnFactor,
    IReadOnlyList<(TimeSpan Window, string Series)> BurnRates,
    string Sli,
    string ErrorBudgetRemaining,
    IReadOnlyList<string> GroupBy)
{
    public const string AlertsSeries = "ALERTS";
    public const string AlertStateLabel = "alertstate";
    public const string AlertNameLabel = "alertname";

    public static IReadOnlyList<string> Alerts => [RuleNames.PageAlert, RuleNames.TicketAlert, RuleNames.NoDataAlert];

    public static string PageAlert => RuleNames.PageAlert;

    public static SloSeries For(RumSlo slo, AlertWindowPlan plan)
    {
        var fast = plan.FastestPage;
        return new SloSeries(
            PromQl.Selector([KeyValuePair.Create(RuleNames.SloLabel, slo.Name), KeyValuePair.Create(RuleNames.NamespaceLabel, slo.Namespace)]),
            RuleNames.BurnRate(fast.Short),
            fast.Short,
            fast.Factor,
            [.. plan.Windows.Select(w => (w, RuleNames.BurnRate(w)))],
            RuleNames.Sli(plan.SloWindow),
            RuleNames.ErrorBudgetRemaining,
            slo.Spec.GroupBy);
    }
}
