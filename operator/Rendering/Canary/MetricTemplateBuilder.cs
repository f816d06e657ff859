using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Slo;

namespace RumOperator.Rendering.Canary;

/// <summary>
/// Pure: RumSLO → Flagger MetricTemplate. Flagger gives a template no release, so the Canary passes it as a template
/// variable (<c>templateVariables: { release: "2.4.0" }</c>), bumped with the image tag; the threshold goes in the
/// Canary's <c>thresholdRange.max</c>.
/// </summary>
public static class MetricTemplateBuilder
{
    public const string ReleaseVariable = "release";

    public static DesiredObject Build(RumSlo slo, SloSeries series, string prometheusAddress, Owner? owner)
    {
        var query = CanaryQuery.For(series, $"{{{{ variables.{ReleaseVariable} }}}}");
        var spec = new JsonObject
        {
            ["provider"] = new JsonObject { ["type"] = "prometheus", ["address"] = prometheusAddress },
            ["query"] = query.Query,
        };
        return CanaryObjects.Object(OperatorKinds.MetricTemplate, slo, owner, spec);
    }
}
