using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>Label matchers and sample names for the shop's series, as the scenarios query them.</summary>
internal static class Series
{
    public static (string Label, string Value)[] Shop(string release, params (string Label, string Value)[] more) =>
        [("app", ShopApp.Name), ("release", release), .. more];

    public static (string Label, string Value)[] Shop(string release, string route, params (string Label, string Value)[] more) =>
        Shop(release, [("route", route), .. more]);

    /// <summary>The <c>_count</c> sample of a vital's histogram: how many values were observed (weighted).</summary>
    public static string CountOf(VitalName vital) => RumMetrics.ForVital(vital).Metric + "_count";
}
