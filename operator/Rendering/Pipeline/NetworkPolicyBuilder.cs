using System.Text.Json.Nodes;
using RumOperator.CollectorConfig;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// Admits TCP to the collector port only; every other port on the pods is closed.
/// The source is not restricted: beacons come from browsers through whatever ingress or
/// gateway the cluster uses (unknown to us), and Prometheus scrapes the same port. Egress is
/// left open because the OTLP export endpoint may be anywhere.
/// </summary>
internal static class NetworkPolicyBuilder
{
    public static bool Wanted(PipelineObjectContext context) => context.Pipeline.Spec.NetworkPolicy?.Enabled == true;

    public static DesiredObject Build(PipelineObjectContext context) =>
        context.Object(OperatorKinds.NetworkPolicy, context.CollectorName, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["podSelector"] = context.MatchLabelsSelector(),
                ["policyTypes"] = new JsonArray("Ingress"),
                ["ingress"] = new JsonArray(new JsonObject
                {
                    ["ports"] = new JsonArray(new JsonObject
                    {
                        ["protocol"] = "TCP",
                        ["port"] = CollectorPaths.HttpPort,
                    }),
                }),
            },
        });
}
