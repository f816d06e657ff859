using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Slo;

namespace RumOperator.Rendering.Canary;

/// <summary>Metadata shared by the analysis templates of a RumSLO: same name as its PrometheusRule, owned by the SLO.</summary>
internal static class CanaryObjects
{
    public static DesiredObject Object(string apiVersion, string kind, RumSlo slo, Owner? owner, JsonObject spec)
    {
        var name = RuleNames.PrometheusRuleName(slo.Name);
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = slo.Namespace,
            ["labels"] = ObjectLabels.Standard(RumSlo.KindName, slo.Name),
        };
        if (owner is not null) metadata["ownerReferences"] = owner.ToOwnerReferences();
        var body = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata, ["spec"] = spec };
        return new DesiredObject(apiVersion, kind, slo.Namespace, name, body);
    }
}
