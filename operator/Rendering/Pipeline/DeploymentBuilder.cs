using System.Text.Json.Nodes;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>The collector Deployment. Its pod template carries the config hash, so a config change rolls the pods.</summary>
internal static class DeploymentBuilder
{
    /// <summary>Long enough to drain in-flight beacons and flush the export queue.</summary>
    private const int TerminationGracePeriodSeconds = 30;

    private static readonly string[] SpreadTopologyKeys = ["topology.kubernetes.io/zone", "kubernetes.io/hostname"];

    /// <remarks>
    /// No spec.replicas: the HPA always exists and owns the count. Setting it here would make every
    /// server-side apply reset the HPA's decision; the cost is one replica until the HPA first acts.
    /// </remarks>
    public static DesiredObject Build(PipelineObjectContext context, CollectorConfigDocument config, string image) =>
        context.Object(OperatorKinds.Deployment, context.CollectorName, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["selector"] = context.MatchLabelsSelector(),
                // Surge before removing an old pod, so a roll never lowers ingest capacity.
                ["strategy"] = new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 1, ["maxUnavailable"] = 0 },
                },
                ["template"] = PodTemplate(context, config, image),
            },
        });

    private static JsonObject PodTemplate(PipelineObjectContext context, CollectorConfigDocument config, string image) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["labels"] = context.Labels(),
            ["annotations"] = new JsonObject { [CollectorNames.ConfigHashAnnotation] = config.Hash },
        },
        ["spec"] = new JsonObject
        {
            ["serviceAccountName"] = context.CollectorName,
            ["automountServiceAccountToken"] = false,
            ["securityContext"] = RestrictedSecurity.Pod(),
            ["containers"] = new JsonArray(CollectorContainerBuilder.Build(context, image)),
            ["volumes"] = CollectorVolumes.Volumes(context),
            ["topologySpreadConstraints"] = new JsonArray(SpreadTopologyKeys.Select(key => (JsonNode)Spread(context, key)).ToArray()),
            ["terminationGracePeriodSeconds"] = TerminationGracePeriodSeconds,
        },
    };

    /// <summary>Best effort: a zone or node outage takes out a share of the fleet, yet pods still schedule on a small cluster.</summary>
    private static JsonObject Spread(PipelineObjectContext context, string topologyKey) => new()
    {
        ["maxSkew"] = 1,
        ["topologyKey"] = topologyKey,
        ["whenUnsatisfiable"] = "ScheduleAnyway",
        ["labelSelector"] = context.MatchLabelsSelector(),
    };
}
