namespace RumOperator.Slo;

/// <summary>
/// The recording chain of one SLO. Two base rules read the raw counters once per evaluation over
/// the base window (4 scrapes) and record bad and all events per second per group; every alert
/// window, the SLO window's SLI and the event counts are derived from those two recorded series,
/// so no rule but the base two touches the collector's many raw series.
/// <para>
/// Ratios are sums over the same recorded samples, sum_over_time(bad[W]) / sum_over_time(all[W]),
/// so they stay exact for ratio SLIs (no average of ratios). Event counts sum the recorded rate on
/// a subquery grid of one evaluation interval, times that interval, which holds however often a
/// tool evaluates the group. The error is the base window's smear at both ends of the long
/// window (docs/slo.md, "Recording chain").
/// </para>
/// </summary>
public sealed class RecordedSli(SliQuery raw, TimeSpan baseWindow, TimeSpan step, string own, IReadOnlyList<string> groupBy)
{
    public TimeSpan BaseWindow => baseWindow;

    private string Bad => RuleNames.BadEventRate(baseWindow) + own;
    private string All => RuleNames.EventRate(baseWindow) + own;

    /// <summary>The base recordings (name, expression on the raw counters); they come first in their group.</summary>
    public IReadOnlyList<(string Record, string Expr)> BaseRecordings =>
    [
        (RuleNames.BadEventRate(baseWindow), raw.BadRate(baseWindow)),
        (RuleNames.EventRate(baseWindow), raw.TotalRate(baseWindow)),
    ];

    /// <summary>Fraction of bad events over the window, per group, from the base recordings.</summary>
    public string ErrorRatio(TimeSpan window) => window == baseWindow
        ? $"{Bad}\n/\n{All}"
        : $"sum_over_time({Bad}[{PromQl.Duration(window)}])\n/\nsum_over_time({All}[{PromQl.Duration(window)}])";

    /// <summary>Events over the window, per group: the traffic the low-traffic guard counts.</summary>
    public string Events(TimeSpan window) =>
        $"{PromQl.Sum(groupBy, $"sum_over_time({All}[{PromQl.Duration(window)}:{PromQl.Duration(step)}])")} * {PromQl.Number((decimal)step.TotalSeconds)}";
}
