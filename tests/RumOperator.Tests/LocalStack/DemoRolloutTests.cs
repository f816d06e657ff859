using RumOperator.LocalStack.Demo;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.ApiServer;
using RumOperator.Runtime.Client;

namespace RumOperator.Tests.LocalStack;

/// <summary>The demo Deployment's history stays as a cluster keeps it, so the guard's rollout undo finds the stable release.</summary>
public sealed class DemoRolloutTests
{
    private const string Label = "app.kubernetes.io/version";
    private static readonly DemoReleases Releases = new("0.9", "1.0", "2.0");

    private static (EmbeddedObjectStore, DemoRollout) Seeded()
    {
        var store = new EmbeddedObjectStore();
        var objects = DemoWorkload.Seed("shop", "storefront", Label, "storefront", Releases).ToList();
        var deployment = store.Put(objects[0]);
        foreach (var rs in objects.Skip(1))
        {
            rs["metadata"]!["ownerReferences"]![0]!["uid"] = deployment["metadata"]!["uid"]!.DeepClone();
            store.Put(rs);
        }
        return (store, new DemoRollout(store, new DemoTarget("shop", "storefront", Label)));
    }

    private static DeploymentUndoPlan Undo(EmbeddedObjectStore store, string release) =>
        DeploymentUndoPlan.Create(store.Get("apps/v1/deployments", "shop", "storefront")!,
            store.All("apps/v1/replicasets"), release, Label);

    [Fact]
    public void A_rollout_writes_the_next_revision_and_undo_goes_back_to_the_stable_release()
    {
        var (store, rollout) = Seeded();

        rollout.RollOut(Releases.Failing);

        Assert.Equal(Releases.Failing, rollout.Release);
        Assert.Equal(3, store.All("apps/v1/replicasets").Count);
        var plan = Undo(store, Releases.Failing);
        Assert.Null(plan.Refusal);
        Assert.Equal((2L, Releases.Stable), (plan.ToRevision, plan.ToRelease));
    }

    [Fact]
    public void After_an_undo_the_restored_ReplicaSet_becomes_the_newest_revision()
    {
        var (store, rollout) = Seeded();
        rollout.RollOut(Releases.Failing);
        var plan = Undo(store, Releases.Failing);
        var deployment = store.Get("apps/v1/deployments", "shop", "storefront")!;
        deployment["spec"]!["template"] = JsonMergePatch.Apply(deployment["spec"]!["template"], plan.Patch!["spec"]!["template"]);
        store.Put(deployment);

        rollout.SyncRevisions();

        Assert.Equal(Releases.Stable, rollout.Release);
        var stable = store.All("apps/v1/replicasets").Single(rs => DemoWorkload.Release(rs, Label) == Releases.Stable);
        Assert.Equal(4, DemoWorkload.Revision(stable));
        Assert.Equal(4, DemoWorkload.Revision(store.Get("apps/v1/deployments", "shop", "storefront")!));
        // A second regression of the same release can be undone again, to the release that ran before it.
        rollout.RollOut(Releases.Failing);
        Assert.Equal((4L, Releases.Stable), (Undo(store, Releases.Failing).ToRevision, Undo(store, Releases.Failing).ToRelease));
    }

    [Fact]
    public void Traffic_follows_the_running_release_with_old_tabs_on_the_stable_one()
    {
        Assert.Equal([new ReleaseShare("1.0", 1, false)], TrafficMix.For("1.0", Releases));
        var mix = TrafficMix.For("2.0", Releases);
        Assert.Equal([("2.0", true), ("1.0", false)], mix.Select(m => (m.Release, m.Slow)));
        Assert.Equal(1, mix.Sum(m => m.Share), 9);
        Assert.Equal("2.0", TrafficMix.Pick(mix, 0.69).Release);
        Assert.Equal("1.0", TrafficMix.Pick(mix, 0.71).Release);
    }
}
