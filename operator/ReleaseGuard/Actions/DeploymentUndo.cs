using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Objects;

namespace RumOperator.ReleaseGuard;

/// <summary>Rolls a Deployment back to its previous ReplicaSet revision (see <see cref="DeploymentUndoPlan"/>).</summary>
public sealed class DeploymentUndo(IClusterClient cluster) : IRollbackAction
{
    public RollbackTargetKind Kind => RollbackTargetKind.Deployment;

    public async Task<ActionResult> ExecuteAsync(RollbackContext context, CancellationToken ct)
    {
        var (ns, name) = (context.Slo.Namespace, context.Rollback.Target.Name!);
        var deployment = await cluster.GetAsync(OperatorKinds.Deployment.ApiVersion, OperatorKinds.Deployment.Kind, ns, name, ct).ConfigureAwait(false);
        if (deployment is null) return ActionResult.Refused($"Deployment {ns}/{name} does not exist");

        var replicaSets = await cluster.ListAsync(OperatorKinds.ReplicaSet.ApiVersion, OperatorKinds.ReplicaSet.Kind, ns, Selector(deployment), ct).ConfigureAwait(false);
        var plan = DeploymentUndoPlan.Create(deployment, replicaSets.Items, context.Signal.Release, context.Rollback.ReleaseLabel);
        if (plan.Refusal is { } why) return ActionResult.Refused(why, deployment);
        try
        {
            var patched = await cluster.PatchAsync(OperatorKinds.Deployment.ApiVersion, OperatorKinds.Deployment.Kind, ns, name, plan.Patch!, ct).ConfigureAwait(false);
            return ActionResult.Succeeded($"Deployment {name} rolled back to revision {plan.ToRevision} (release {plan.ToRelease})", patched);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            return ActionResult.Failed($"Deployment {name} changed while rolling back (409 Conflict); the next signal decides again", deployment);
        }
    }

    /// <summary>spec.selector.matchLabels as a list selector; null (all ReplicaSets, filtered by owner) without one.</summary>
    internal static string? Selector(JsonObject deployment) =>
        deployment["spec"]?["selector"]?["matchLabels"] is JsonObject labels && labels.Count > 0
            ? string.Join(",", labels.Select(kv => $"{kv.Key}={kv.Value}"))
            : null;
}
