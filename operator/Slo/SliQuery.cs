using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.Slo;

/// <summary>
/// The PromQL of one SLI, for any window: the error ratio (bad / all) and the event count.
/// Built once per SLO from its kind, selector and groupBy.
/// </summary>
public sealed class SliQuery
{
    private readonly Func<string, string> errorRatio;
    private readonly Func<string, string> events;

    private SliQuery(Func<string, string> errorRatio, Func<string, string> events)
    {
        this.errorRatio = errorRatio;
        this.events = events;
    }

    /// <summary>Fraction of bad events over the window, per group.</summary>
    public string ErrorRatio(TimeSpan window) => errorRatio(PromQl.Duration(window));

    /// <summary>Events over the window, per group: the traffic the low-traffic guard counts.</summary>
    public string Events(TimeSpan window) => events(PromQl.Duration(window));

    /// <param name="selector">Matchers every series of this SLO carries (namespace, job, app, filter).</param>
    public static SliQuery For(SliSpec sli, IReadOnlyList<KeyValuePair<string, string>> selector, IReadOnlyList<string> groupBy, double? vitalThreshold)
    {
        string Sel(params (string Key, string Value)[] extra) =>
            PromQl.Selector(selector.Concat(extra.Select(e => KeyValuePair.Create(e.Key, e.Value))));
        string Rate(string metric, string sel, string w) => PromQl.Sum(groupBy, $"rate({metric}{sel}[{w}])");
        string Increase(string metric, string sel, string w) => PromQl.Sum(groupBy, $"increase({metric}{sel}[{w}])");

        // errors / total, where a group with traffic but no error series yet still gets a ratio of 0.
        SliQuery Ratio(string errorMetric, string errorSel, string totalMetric, string totalSel) => new(
            w => $"(\n  {Rate(errorMetric, errorSel, w)}\n  or\n  0 * {Rate(totalMetric, totalSel, w)}\n)\n/\n{Rate(totalMetric, totalSel, w)}",
            w => Increase(totalMetric, totalSel, w));

        if (sli.Vital is { } vital)
        {
            var metric = RumMetrics.ForVital(vital.Name).Metric;
            var le = RumMetrics.FormatLe(vitalThreshold ?? throw new ArgumentException("vital threshold required", nameof(vitalThreshold)));
            return new SliQuery(
                w => $"(\n  {Rate(metric + "_count", Sel(), w)}\n  -\n  {Rate(metric + "_bucket", Sel(("le", le)), w)}\n)\n/\n{Rate(metric + "_count", Sel(), w)}",
                w => Increase(metric + "_count", Sel(), w));
        }
        if (sli.Errors is { } errors)
        {
            return errors.Kind switch
            {
                ErrorsSliKind.PageLoad => Ratio(RumMetrics.PageViews, Sel(("outcome", RumMetrics.OutcomeError)), RumMetrics.PageViews, Sel()),
                ErrorsSliKind.JsErrorSession => Ratio(RumMetrics.ErrorSessions, Sel(), RumMetrics.Sessions, Sel()),
                ErrorsSliKind.Resource => errors.Party is { } party
                    ? Ratio(RumMetrics.ResourceRequests, Sel(("party", party), ("outcome", RumMetrics.OutcomeError)), RumMetrics.ResourceRequests, Sel(("party", party)))
                    : Ratio(RumMetrics.ResourceRequests, Sel(("outcome", RumMetrics.OutcomeError)), RumMetrics.ResourceRequests, Sel()),
                _ => throw new ArgumentOutOfRangeException(nameof(sli), errors.Kind, "unknown errors kind"),
            };
        }
        if (sli.Transaction is { } tx)
            return Ratio(RumMetrics.Transactions, Sel(("name", tx.Name), ("outcome", RumMetrics.TransactionFailure)), RumMetrics.Transactions, Sel(("name", tx.Name)));
        if (sli.Raw is { } raw)
            return new SliQuery(
                w => $"(\n  {raw.ErrorQuery.Replace("{{.window}}", w)}\n)\n/\n(\n  {raw.TotalQuery.Replace("{{.window}}", w)}\n)",
                w => raw.TotalQuery.Replace("{{.window}}", w));
        throw new ArgumentException("the SLI sets none of vital, errors, transaction, raw", nameof(sli));
    }
}
