using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.Slo;

/// <summary>
/// The PromQL of one SLI on the collector's raw counters: bad and all events per second over a
/// window, per group. Only the base recordings read these (see <see cref="RecordedSli"/>); every
/// longer window is derived from what they record.
/// </summary>
public sealed class SliQuery
{
    private readonly Func<string, string> badRate;
    private readonly Func<string, string> totalRate;

    private SliQuery(Func<string, string> badRate, Func<string, string> totalRate)
    {
        this.badRate = badRate;
        this.totalRate = totalRate;
    }

    /// <summary>Bad events per second over the window, per group (0 for a group with traffic and no bad events).</summary>
    public string BadRate(TimeSpan window) => badRate(PromQl.Duration(window));

    /// <summary>All events per second over the window, per group.</summary>
    public string TotalRate(TimeSpan window) => totalRate(PromQl.Duration(window));

    /// <param name="selector">Matchers every series of this SLO carries (namespace, job, app, filter).</param>
    public static SliQuery For(SliSpec sli, IReadOnlyList<KeyValuePair<string, string>> selector, IReadOnlyList<string> groupBy, double? vitalThreshold)
    {
        string Sel(params (string Key, string Value)[] extra) =>
            PromQl.Selector(selector.Concat(extra.Select(e => KeyValuePair.Create(e.Key, e.Value))));
        string Rate(string metric, string sel, string w) => PromQl.Sum(groupBy, $"rate({metric}{sel}[{w}])");

        // A group with traffic but no error series yet still gets a bad rate of 0.
        SliQuery Ratio(string errorMetric, string errorSel, string totalMetric, string totalSel) => new(
            w => $"{Rate(errorMetric, errorSel, w)}\nor\n0 * {Rate(totalMetric, totalSel, w)}",
            w => Rate(totalMetric, totalSel, w));

        if (sli.Vital is { } vital)
        {
            var metric = RumMetrics.ForVital(vital.Name).Metric;
            var le = RumMetrics.FormatLe(vitalThreshold ?? throw new ArgumentException("vital threshold required", nameof(vitalThreshold)));
            return new SliQuery(
                w => $"{Rate(metric + "_count", Sel(), w)}\n-\n{Rate(metric + "_bucket", Sel((RumLabels.Le, le)), w)}",
                w => Rate(metric + "_count", Sel(), w));
        }
        if (sli.Errors is { } errors)
        {
            return errors.Kind switch
            {
                ErrorsSliKind.PageLoad => Ratio(RumMetrics.PageViews, Sel((RumLabels.Outcome, RumMetrics.OutcomeError)), RumMetrics.PageViews, Sel()),
                ErrorsSliKind.JsErrorSession => Ratio(RumMetrics.ErrorSessions, Sel(), RumMetrics.Sessions, Sel()),
                ErrorsSliKind.Resource => errors.Party is { } party
                    ? Ratio(RumMetrics.ResourceRequests, Sel((RumLabels.Party, party), (RumLabels.Outcome, RumMetrics.OutcomeError)), RumMetrics.ResourceRequests, Sel((RumLabels.Party, party)))
                    : Ratio(RumMetrics.ResourceRequests, Sel((RumLabels.Outcome, RumMetrics.OutcomeError)), RumMetrics.ResourceRequests, Sel()),
                _ => throw new ArgumentOutOfRangeException(nameof(sli), errors.Kind, "unknown errors kind"),
            };
        }
        if (sli.Transaction is { } tx)
            return Ratio(RumMetrics.Transactions, Sel((RumLabels.Name, tx.Name), (RumLabels.Outcome, RumMetrics.TransactionFailure)), RumMetrics.Transactions, Sel((RumLabels.Name, tx.Name)));
        if (sli.Raw is { } raw)
            return new SliQuery(w => raw.ErrorQuery.Replace("{{.window}}", w), w => raw.TotalQuery.Replace("{{.window}}", w));
        throw new ArgumentException("the SLI sets none of vital, errors, transaction, raw", nameof(sli));
    }
}
