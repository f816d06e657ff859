using System.Globalization;
using System.Text.Json.Nodes;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.ApiServer;

namespace RumOperator.LocalStack.Demo;

/// <summary>The demo Deployment a RumSLO rolls back: where it is and which label carries its release.</summary>
public sealed record DemoTarget(string Namespace, string Name, string ReleaseLabel);

/// <summary>
/// The part of the Deployment controller the demo needs, over the embedded cluster: a rollout writes the new
/// pod template and its ReplicaSet with the next revision; when the template goes back to an older ReplicaSet's
/// (rollout undo), that ReplicaSet becomes the newest revision again, so history stays as a cluster keeps it.
/// </summary>
public sealed class DemoRollout(EmbeddedObjectStore store, DemoTarget target)
{
    private const string Deployments = "apps/v1/deployments";
    private const string ReplicaSets = "apps/v1/replicasets";

    public DemoTarget Target { get; } = target;

    public string? Release => DemoWorkload.Release(Deployment(), Target.ReleaseLabel);

    public void RollOut(string release)
    {
        var deployment = Deployment() ?? throw new InvalidOperationException($"Deployment {Target.Namespace}/{Target.Name} does not exist");
        var revision = History().Select(DemoWorkload.Revision).DefaultIfEmpty(0).Max() + 1;
        var existing = History().FirstOrDefault(rs => DemoWorkload.Release(rs, Target.ReleaseLabel) == release);
        var replicaSet = existing ?? DemoWorkload.ReplicaSetFor(deployment, release, Target.ReleaseLabel, revision);
        SetRevision(replicaSet, revision);
        var template = replicaSet["spec"]!["template"]!.DeepClone().AsObject();
        (template["metadata"]?["labels"] as JsonObject)?.Remove(DeploymentUndoPlan.PodTemplateHashLabel);
        deployment["spec"]!["template"] = template;
        SetRevision(deployment, revision);
        store.Put(replicaSet);
        store.Put(deployment);
    }

    /// <summary>After an undo: the ReplicaSet whose template the Deployment now runs becomes the newest revision.</summary>
    public void SyncRevisions()
    {
        if (Deployment() is not { } deployment || Release is not { } release) return;
        var history = History();
        if (history.FirstOrDefault(rs => DemoWorkload.Release(rs, Target.ReleaseLabel) == release) is not { } current) return;
        var newest = history.Select(DemoWorkload.Revision).DefaultIfEmpty(0).Max();
        if (DemoWorkload.Revision(current) == newest && DemoWorkload.Revision(deployment) == newest) return;
        var revision = DemoWorkload.Revision(current) == newest ? newest : newest + 1;
        SetRevision(current, revision);
        SetRevision(deployment, revision);
        store.Put(current);
        store.Put(deployment);
    }

    private JsonObject? Deployment() => store.Get(Deployments, Target.Namespace, Target.Name);

    private List<JsonObject> History()
    {
        var uid = Deployment()?["metadata"]?["uid"]?.GetValue<string>();
        return [.. store.All(ReplicaSets).Where(rs =>
            rs["metadata"]?["namespace"]?.GetValue<string>() == Target.Namespace &&
            rs["metadata"]?["ownerReferences"]?.AsArray().Any(o => o?["uid"]?.GetValue<string>() == uid) == true)];
    }

    private static void SetRevision(JsonObject obj, long revision)
    {
        var metadata = obj["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations) metadata["annotations"] = annotations = [];
        annotations[DeploymentUndoPlan.RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
    }
}
