using System.Text.Json.Nodes;
using RumOperator.Api;

namespace RumOperator.Controllers;

/// <summary>The collector Deployment's rollout, read from its live object.</summary>
public sealed record CollectorRollout(int Desired, int Replicas, int Ready, bool Complete)
{
    /// <param name="deployment">the live Deployment (no status yet right after creation).</param>
    /// <param name="minReplicas">
    /// used until spec.replicas is set: the Deployment is rendered without replicas (the HPA owns the count), and
    /// the HPA raises it to its minimum.
    /// </param>
    public static CollectorRollout From(JsonObject? deployment, int minReplicas)
    {
        var status = deployment?["status"] as JsonObject;
        var desired = Int(deployment?["spec"]?["replicas"]) ?? minReplicas;
        var ready = Int(status?["readyReplicas"]) ?? 0;
        var updated = Int(status?["updatedReplicas"]) ?? 0;
        var generation = Long(deployment?["metadata"]?["generation"]) ?? 0;
        var observed = Long(status?["observedGeneration"]) ?? -1;
        var complete = observed >= generation && updated >= desired && ready >= desired;
        return new CollectorRollout(desired, Int(status?["replicas"]) ?? 0, ready, complete);
    }

    private static int? Int(JsonNode? node) => (int?)Long(node);

    /// <summary>Whatever backs the value (parsed JSON or a CLR number), read it as its JSON text.</summary>
    private static long? Long(JsonNode? node) =>
        node is JsonValue v && long.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>Pure: a pipeline's rollout → its Ready, Progressing and Degraded conditions.</summary>
public static class PipelineHealth
{
    public const string CollectorsReady = "CollectorsReady";
    public const string CollectorsNotReady = "CollectorsNotReady";
    public const string RollingOut = "RollingOut";
    public const string RolloutComplete = "RolloutComplete";

    public static (Condition Ready, Condition Progressing, Condition Degraded) Conditions(CollectorRollout rollout, long generation)
    {
        var counts = $"{rollout.Ready}/{rollout.Desired} collector replicas ready";
        var ready = rollout.Complete
            ? Condition.True(ConditionTypes.Ready, CollectorsReady, counts, generation)
            : Condition.False(ConditionTypes.Ready, CollectorsNotReady, counts, generation);
        var progressing = rollout.Complete
            ? Condition.False(ConditionTypes.Progressing, RolloutComplete, counts, generation)
            : Condition.True(ConditionTypes.Progressing, RollingOut, counts + "; rollout in progress", generation);
        var degraded = Condition.False(ConditionTypes.Degraded, Verdicts.AsExpected, "", generation);
        return (ready, progressing, degraded);
    }
}
