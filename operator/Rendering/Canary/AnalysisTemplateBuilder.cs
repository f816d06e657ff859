using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Slo;

namespace RumOperator.Rendering.Canary;

/// <summary>Pure: RumSLO → Argo Rollouts AnalysisTemplate that fails a canary whose release burns faster than the page threshold.</summary>
public static class AnalysisTemplateBuilder
{
    public const string ReleaseArg = "release";
    public const string AddressArg = "prometheus-address";
    public const string MetricName = "rum-burn-rate";

    public static DesiredObject Build(RumSlo slo, SloSeries series, string prometheusAddress, Owner? owner)
    {
        var query = CanaryQuery.For(series, $"{{{{args.{ReleaseArg}}}}}");
        var threshold = PromQl.Number(query.Threshold);
        var metric = new JsonObject
        {
            ["name"] = MetricName,
            ["interval"] = CanaryQuery.Interval(query.Window),
            // The query always returns one number (see CanaryQuery); a failed measurement aborts at once.
            ["successCondition"] = $"result[0] <= {threshold}",
            ["failureCondition"] = $"result[0] > {threshold}",
            ["failureLimit"] = 0,
            ["provider"] = new JsonObject
            {
                ["prometheus"] = new JsonObject { ["address"] = $"{{{{args.{AddressArg}}}}}", ["query"] = query.Query },
            },
        };
        var spec = new JsonObject
        {
            ["args"] = new JsonArray(
                new JsonObject { ["name"] = ReleaseArg },
                new JsonObject { ["name"] = AddressArg, ["value"] = prometheusAddress }),
            ["metrics"] = new JsonArray(metric),
        };
        return CanaryObjects.Object(OperatorKinds.AnalysisTemplate, slo, owner, spec);
    }
}
