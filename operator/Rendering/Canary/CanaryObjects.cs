using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Slo;

namespace RumOperator.Rendering.Canary;

/// <summary>Metadata shared by the analysis templates of a RumSLO: same name as its PrometheusRule, owned by the SLO.</summary>
internal static class CanaryObjects
{
    public static DesiredObject Object(ObjectKind kind, RumSlo slo, Owner? owner, JsonObject spec) =>
        DesiredObject.Create(kind, slo.Namespace, RuleNames.PrometheusRuleName(slo.Name), ObjectLabels.Standard(RumSlo.KindName, slo.Name), owner,
            new JsonObject { ["spec"] = spec });
}
