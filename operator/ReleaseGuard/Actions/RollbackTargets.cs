using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Runtime.Client;

namespace RumOperator.ReleaseGuard;

/// <summary>The workload kinds a rollback can target, and what they run now.</summary>
public static class RollbackTargets
{
    public static (string ApiVersion, string Kind)? TypeOf(RollbackTargetKind kind) => kind switch
    {
        RollbackTargetKind.Deployment => (OperatorKinds.Deployment.ApiVersion, OperatorKinds.Deployment.Kind),
        RollbackTargetKind.Rollout => (OperatorKinds.Rollout.ApiVersion, OperatorKinds.Rollout.Kind),
        _ => null,
    };

    /// <summary>The spelling of the API (Deployment, Rollout, webhook, git), as stored in RollbackRecord.Action.</summary>
    public static string ActionName(RollbackTargetKind kind) => kind switch
    {
        RollbackTargetKind.Deployment => "Deployment",
        RollbackTargetKind.Rollout => "Rollout",
        RollbackTargetKind.Git => "git",
        _ => "webhook",
    };

    /// <summary>The release label of a workload's pod template (Deployment, ReplicaSet and Rollout share spec.template).</summary>
    public static string? TemplateRelease(JsonObject workload, string releaseLabel) =>
        workload["spec"]?["template"]?["metadata"]?["labels"]?[releaseLabel] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The target's state for the decision, and the object itself; null state for a webhook target.</summary>
    public static async Task<(TargetState? State, JsonObject? Object)> ReadAsync(IClusterClient cluster, RumSlo slo, CancellationToken ct)
    {
        if (slo.Spec.Rollback is not { } rollback || TypeOf(rollback.Target.Kind) is not { } type) return (null, null);
        var obj = rollback.Target.Name is { Length: > 0 } name
            ? await cluster.GetAsync(type.ApiVersion, type.Kind, slo.Namespace, name, ct).ConfigureAwait(false)
            : null;
        if (obj is null) return (new TargetState(false, null, false), null);
        // Aborting a paused Rollout is fine; only a paused Deployment refuses an undo.
        var paused = rollback.Target.Kind == RollbackTargetKind.Deployment && obj["spec"]?["paused"]?.GetValue<bool>() == true;
        var promoted = rollback.Target.Kind == RollbackTargetKind.Rollout && IsFullyPromoted(obj);
        return (new TargetState(true, TemplateRelease(obj, rollback.ReleaseLabel), paused, promoted), obj);
    }

    /// <summary>An Argo Rollout whose stable ReplicaSet runs the current pod template: nothing left to abort.</summary>
    public static bool IsFullyPromoted(JsonObject rollout) =>
        rollout["status"]?["stableRS"] is JsonValue stable && stable.TryGetValue<string>(out var s) && s.Length > 0
        && rollout["status"]?["currentPodHash"] is JsonValue current && current.TryGetValue<string>(out var c) && c == s;
}
