namespace RumOperator.Slo;

/// <summary>
/// The recording chain of one SLO. Two base rules read the raw counters once per evaluation over
/// the base window (4 scrapes) and record bad and all events per second per group; every alert
/// window, the SLO window's SLI and the event counts are derived from those two recorded series,
/// so no rule but the base two touches the collector's many raw series.
/// <para>
/// A long window W is tiled with base windows: a subquery [W:base] reads the recorded rate once
/// per base window, and the tiles neither overlap nor leave gaps, however often the group is
/// evaluated (promtool evaluates every group at its own interval). Ratios are sums over the same
/// tiles, sum_over_time(bad[W:base]) / sum_over_time(all[W:base]), so they stay exact for ratio
/// SLIs (a ratio of counts, never an average of ratios); event counts are the summed rate times
/// the base window. The error: the tiles end at the last multiple of the base window, so a long
/// window lags by up to one base window and spans W rounded to whole tiles (docs/slo.md,
/// "Recording chain").
/// </para>
/// </summary>
public sealed class RecordedSli(SliQuery raw, TimeSpan baseWindow, string own, IReadOnlyList<string> groupBy)
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
        : $"sum_over_time({Bad}[{Tiles(window)}])\n/\nsum_over_time({All}[{Tiles(window)}])";

    /// <summary>Events over the window, per group: the traffic the low-traffic guard counts.</summary>
    public string Events(TimeSpan window) =>
        $"{PromQl.Sum(groupBy, $"sum_over_time({All}[{Tiles(window)}])")} * {PromQl.Number((decimal)baseWindow.TotalSeconds)}";

    private string Tiles(TimeSpan window) => $"{PromQl.Duration(window)}:{PromQl.Duration(baseWindow)}";
}
