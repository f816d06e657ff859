using RumOperator.Api;
using RumOperator.Metrics;
using RumOperator.Slo;

namespace RumOperator.Rendering.Canary;

/// <summary>
/// The canary question for one RumSLO: how fast does this release burn the error budget right now? Read from the
/// engine's burn rate over the fastest page condition's short window, for one release. No events for the release in
/// that window records no series; <c>or vector(0)</c> answers 0 then, the same call the page alert's low-traffic
/// guard makes (no traffic, no verdict against the release), and both tools then see a number, never an empty result.
/// </summary>
public sealed record CanaryQuery(string Query, decimal Threshold, TimeSpan Window)
{
    public const string ReleaseLabel = RumLabels.Release;

    /// <param name="release">PromQL-quoted text or a tool's placeholder ({{args.release}}) for the release label's value.</param>
    public static CanaryQuery For(SloSeries series, string release)
    {
        var selector = series.Selector[..^1] + $",{ReleaseLabel}=\"{release}\"}}";
        return new CanaryQuery($"max({series.ShortBurn}{selector}) or on() vector(0)", series.PageBurnFactor, series.ShortWindow);
    }

    /// <summary>Canary analysis needs a burn rate per release: the SLO must group by release.</summary>
    public static bool Applies(RumSlo slo) => slo.Spec.GroupBy.Contains(ReleaseLabel);

    public static string Interval(TimeSpan window) => PromQl.Duration(window < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : window);
}
