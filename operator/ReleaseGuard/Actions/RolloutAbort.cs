using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Objects;

namespace RumOperator.ReleaseGuard;

/// <summary>Aborts an Argo Rollout as <c>kubectl argo rollouts abort</c> does: the Rollout controller then scales the canary down and returns traffic to the stable ReplicaSet.</summary>
public sealed class RolloutAbort(IClusterClient cluster) : IRollbackAction
{
    public RollbackTargetKind Kind => RollbackTargetKind.Rollout;

    /// <summary>The merge patch of the status subresource (wrapped in {"status": …} by PatchStatusAsync).</summary>
    public static JsonObject AbortStatus() => new() { ["abort"] = true };

    public async Task<ActionResult> ExecuteAsync(RollbackContext context, CancellationToken ct)
    {
        var (ns, name) = (context.Slo.Namespace, context.Rollback.Target.Name!);
        var rollout = await cluster.GetAsync(OperatorKinds.Rollout.ApiVersion, OperatorKinds.Rollout.Kind, ns, name, ct).ConfigureAwait(false);
        if (rollout is null) return ActionResult.Refused($"Rollout {ns}/{name} does not exist");
        var current = RollbackTargets.TemplateRelease(rollout, context.Rollback.ReleaseLabel);
        if (current != context.Signal.Release)
            return ActionResult.Refused($"Rollout {name} runs release '{current}' (label {context.Rollback.ReleaseLabel}), not {context.Signal.Release}", rollout);
        if (RollbackTargets.IsFullyPromoted(rollout))
            return ActionResult.Refused($"Rollout {name} is fully promoted (status.stableRS is the current pod hash): an abort would not roll {context.Signal.Release} back", rollout);
        var patched = await cluster.PatchStatusAsync(OperatorKinds.Rollout.ApiVersion, OperatorKinds.Rollout.Kind, ns, name, AbortStatus(), ct).ConfigureAwait(false);
        return ActionResult.Succeeded($"Rollout {name} aborted: traffic returns to the stable ReplicaSet", patched);
    }
}
