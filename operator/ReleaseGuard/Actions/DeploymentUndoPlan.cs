using System.Globalization;
using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;

namespace RumOperator.ReleaseGuard;

/// <summary>The patch that undoes a Deployment's last rollout, or why it cannot be undone.</summary>
public sealed record DeploymentUndoPlan(JsonObject? Patch, long ToRevision, string? ToRelease, string? Refusal)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>
    /// Pure, as <c>kubectl rollout undo</c>: among the ReplicaSets the Deployment controls, the one with the highest
    /// revision below the current one provides the pod template (without pod-template-hash, which the Deployment
    /// controller adds). Refuses a paused Deployment and a template that no longer runs <paramref name="release"/>.
    /// The patch is conditional on the Deployment's resourceVersion, so a concurrent rollout wins over us.
    /// </summary>
    public static DeploymentUndoPlan Create(JsonObject deployment, IEnumerable<JsonObject> replicaSets, string release, string releaseLabel)
    {
        var name = ObjectMeta.Name(deployment);
        if (deployment["spec"]?["paused"]?.GetValue<bool>() == true)
            return Refuse($"Deployment {name} is paused (rollout undo refuses paused Deployments): resume it or roll back by hand");
        var current = RollbackTargets.TemplateRelease(deployment, releaseLabel);
        if (current != release)
            return Refuse($"Deployment {name} runs release '{current}' (label {releaseLabel}), not {release}");

        var (toRevision, previous, revisions) = PreviousRevision(deployment, replicaSets);
        if (previous is null)
            return Refuse($"Deployment {name} has no previous revision to roll back to ({revisions} ReplicaSet revision(s) found)");

        var template = previous["spec"]?["template"]?.DeepClone() as JsonObject
            ?? throw new InvalidOperationException($"ReplicaSet {ObjectMeta.Name(previous)}: spec.template missing");
        (template["metadata"]?["labels"] as JsonObject)?.Remove(PodTemplateHashLabel);
        var liveTemplate = deployment["spec"]?["template"] as JsonObject ?? [];
        var templatePatch = MergePatchDiff.Create(liveTemplate, template);
        if (templatePatch.Count == 0)
            return Refuse($"Deployment {name}: revision {toRevision} has the same pod template as the current one");

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = ObjectMeta.ResourceVersion(deployment) },
            ["spec"] = new JsonObject { ["template"] = templatePatch },
        };
        return new DeploymentUndoPlan(patch, toRevision, RollbackTargets.TemplateRelease(previous, releaseLabel), null);
    }

    /// <summary>Among the ReplicaSets the Deployment controls (owner uid), the one with the highest revision below the current one.</summary>
    public static (long Revision, JsonObject? ReplicaSet, int Revisions) PreviousRevision(JsonObject deployment, IEnumerable<JsonObject> replicaSets)
    {
        var uid = ObjectMeta.Uid(deployment);
        var history = replicaSets
            .Where(rs => ObjectMeta.ControllerOwner(rs) is { } owner && owner["uid"]?.GetValue<string>() == uid)
            .Select(rs => (Revision: Revision(rs), ReplicaSet: rs))
            .Where(h => h.Revision > 0)
            .OrderByDescending(h => h.Revision)
            .ToList();
        var earlier = history.FirstOrDefault(h => h.Revision < history[0].Revision);
        return (earlier.Revision, earlier.ReplicaSet, history.Count);
    }

    private static long Revision(JsonObject rs) =>
        ObjectMeta.Metadata(rs)["annotations"]?[RevisionAnnotation] is JsonValue v && v.TryGetValue<string>(out var s)
        && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static DeploymentUndoPlan Refuse(string why) => new(null, 0, null, why);
}
