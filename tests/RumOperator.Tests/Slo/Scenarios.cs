using RumOperator.Api;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Slo;

/// <summary>RumSLOs of every SLI kind over the example pipeline's series, for promtool scenarios.</summary>
public static class Scenarios
{
    public const double Traffic = 1000; // events per minute

    public static readonly Dictionary<string, string> SliKinds = new()
    {
        ["vital"] = "vital: { name: lcp, threshold: 2.5s }",
        ["pageLoad"] = "errors: { kind: pageLoad }",
        ["jsErrorSession"] = "errors: { kind: jsErrorSession }",
        ["resource"] = "errors: { kind: resource, party: first }",
        ["transaction"] = "transaction: { name: checkout }",
    };

    public static RumSlo Slo(string kind = "pageLoad", decimal objective = 99m, long minEvents = 500) => TestManifests.Slo($"""
        pipelineRef: {"{"} name: web {"}"}
        app: storefront
        sli:
          {SliKinds[kind]}
        objective: {objective.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        window: 28d
        groupBy: [release]
        minEvents: {minEvents}
        """, $"{kind.ToLowerInvariant()}-slo");

    public static ReleaseTraffic Release(string release, params Phase[] phases) => new(release, phases);
}
