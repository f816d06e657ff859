using RumOperator.Runtime.Client;
using RumOperator.Runtime.Queue;

namespace RumOperator.Runtime.Informers;

/// <summary>controller-runtime's EnqueueRequestForObject / EnqueueRequestForOwner as informer handlers.</summary>
public static class EnqueueHandlers
{
    public static Action<InformerEvent> Self(WorkQueue<ObjectKey> queue) => ev => queue.Add(ObjectKey.Of(ev.Object));

    /// <summary>Enqueues the controlling owner of a changed object, so edits to (or deletion of) an owned object are repaired.</summary>
    public static Action<InformerEvent> Owner(WorkQueue<ObjectKey> queue, string ownerApiVersion, string ownerKind)
    {
        var ownerGroup = ResourceType.SplitApiVersion(ownerApiVersion).Group;
        return ev =>
        {
            if (ObjectMeta.ControllerOwner(ev.Object) is not { } owner) return;
            // Match on group, not version: an owner reference may carry any served version of the owner's kind.
            if (ObjectMeta.Str(owner, "kind") != ownerKind) return;
            if (ResourceType.SplitApiVersion(ObjectMeta.Str(owner, "apiVersion") ?? "").Group != ownerGroup) return;
            if (ObjectMeta.Str(owner, "name") is { Length: > 0 } name)
                queue.Add(new ObjectKey(ObjectMeta.Namespace(ev.Object), name));
        };
    }

    /// <summary>Enqueues whatever keys a mapping returns, e.g. every RumPipeline a SamplingPolicy selects.</summary>
    public static Action<InformerEvent> Mapped(WorkQueue<ObjectKey> queue, Func<InformerEvent, IEnumerable<ObjectKey>> map) =>
        ev => { foreach (var key in map(ev)) queue.Add(key); };
}
