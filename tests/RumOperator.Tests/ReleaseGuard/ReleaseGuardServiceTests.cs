using System.Text.Json.Nodes;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.Client;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard;

public class ReleaseGuardServiceTests
{
    private static string? Release(JsonObject? workload) => workload?["spec"]?["template"]?["metadata"]?["labels"]?[ReleaseLabel]?.GetValue<string>();

    [Fact]
    public async Task Burning_release_is_rolled_back_once_with_an_audit_trail()
    {
        using var world = new GuardWorld();
        world.Seed();

        var outcome = await world.Guard.HandleAsync(Signal(events: 812, burn: 27.46), default);

        Assert.Equal(Verdict.Act, outcome.Decision.Verdict);
        var deployment = world.DeploymentObject()!;
        Assert.Equal("1.0", Release(deployment));
        Assert.Null(deployment["spec"]!["template"]!["metadata"]!["labels"]!["pod-template-hash"]);
        Assert.Equal("shop/storefront:1.0", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());

        var record = Assert.Single(world.Rollbacks())!;
        Assert.Equal(("2.0", "Deployment", "Succeeded", "27.46", 812L, "2025-06-01T12:00:00Z"),
            (record["release"]!.GetValue<string>(), record["action"]!.GetValue<string>(), record["result"]!.GetValue<string>(),
             record["burnRate"]!.GetValue<string>(), record["events"]!.GetValue<long>(), record["time"]!.GetValue<string>()));
        Assert.Contains("revision 1 (release 1.0)", record["message"]!.GetValue<string>());
        // The merge patch touched status.rollbacks only.
        var status = world.SloObject()["status"]!;
        Assert.Equal(("1.0", "errors", "Ready"), (status["lastKnownGoodRelease"]!.GetValue<string>(), status["sliKind"]!.GetValue<string>(), status["conditions"]![0]!["type"]!.GetValue<string>()));

        Assert.Equal(["RumSLO/RolledBack", "Deployment/RolledBack"],
            world.Cluster.Events.Select(e => $"{e["regarding"]!["kind"]}/{e["reason"]}"));
        Assert.All(world.Cluster.Events, e => Assert.Equal("Warning", e["type"]!.GetValue<string>()));
        Assert.Equal(1, world.Metrics.Rollbacks.WithLabels("succeeded").Value);
    }

    [Fact]
    public async Task Repeated_alert_and_a_restarted_operator_do_nothing_more()
    {
        using var world = new GuardWorld();
        world.Seed();
        await world.Guard.HandleAsync(Signal(), default);
        world.Cluster.ClearCalls();

        var repeat = await world.Guard.HandleAsync(Signal(), default);
        // A new process (another leader) sees the same status: the record is what remembers.
        using var restarted = new GuardWorld(cluster: world.Cluster);
        var afterRestart = await restarted.Guard.HandleAsync(Signal() with { Source = SignalSource.Prometheus }, default);

        Assert.Equal(("already_handled", "already_handled"), (repeat.Decision.Reason, afterRestart.Decision.Reason));
        Assert.Empty(world.Cluster.Writes);
        Assert.Single(world.Rollbacks());
        Assert.Equal(1, world.Metrics.Signals.WithLabels("alertmanager", "already_handled").Value);
        Assert.Equal(1, restarted.Metrics.Signals.WithLabels("prometheus", "already_handled").Value);
    }

    [Fact]
    public async Task Paused_deployment_is_refused_and_recorded_not_touched()
    {
        using var world = new GuardWorld();
        var before = world.Seed(paused: true);

        var outcome = await world.Guard.HandleAsync(Signal(), default);

        Assert.Equal(Verdict.Refuse, outcome.Decision.Verdict);
        Assert.Equal(ObjectMeta.ResourceVersion(before), ObjectMeta.ResourceVersion(world.DeploymentObject()!));
        Assert.Equal("Refused", Assert.Single(world.Rollbacks())!["result"]!.GetValue<string>());
        Assert.Equal(["RumSLO/RollbackRefused", "Deployment/RollbackRefused"], world.Cluster.Events.Select(e => $"{e["regarding"]!["kind"]}/{e["reason"]}"));
        Assert.Equal(1, world.Metrics.Rollbacks.WithLabels("refused").Value);
    }

    [Fact]
    public async Task Dry_run_records_without_rolling_back()
    {
        using var world = new GuardWorld();
        var slo = RollbackSlo();
        slo.Spec.Rollback!.DryRun = true;
        var before = world.Seed(slo);

        await world.Guard.HandleAsync(Signal(), default);

        Assert.Equal(ObjectMeta.ResourceVersion(before), ObjectMeta.ResourceVersion(world.DeploymentObject()!));
        var record = Assert.Single(world.Rollbacks())!;
        Assert.Equal(("dryRun", "Succeeded"), (record["action"]!.GetValue<string>(), record["result"]!.GetValue<string>()));
        Assert.Equal("RollbackDryRun", Assert.Single(world.Cluster.Events)["reason"]!.GetValue<string>());
        Assert.Equal(1, world.Metrics.Rollbacks.WithLabels("dry_run").Value);
    }

    public static TheoryData<string, long, string> Ignored => new()
    {
        { "checkout-errors", 100, "thin_traffic" },
        { "no-such-slo", 5000, "unknown_slo" },
    };

    [Theory]
    [MemberData(nameof(Ignored))]
    public async Task Ignored_signals_write_nothing(string slo, long events, string reason)
    {
        using var world = new GuardWorld();
        world.Seed();
        world.Cluster.ClearCalls();

        var outcome = await world.Guard.HandleAsync(Signal(events: events, slo: slo), default);

        Assert.Equal(reason, outcome.Decision.Reason);
        Assert.Empty(world.Cluster.Writes);
        Assert.Empty(world.Cluster.Events);
        Assert.Equal(1, world.Metrics.Signals.WithLabels("alertmanager", reason).Value);
    }

    [Fact]
    public async Task Rollout_is_aborted_through_its_status_subresource()
    {
        using var world = new GuardWorld();
        world.Seed(RollbackSlo("target: { kind: Rollout, name: storefront }"));
        var rollout = new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1", ["kind"] = "Rollout",
            ["metadata"] = new JsonObject { ["name"] = "storefront", ["namespace"] = Ns },
            ["spec"] = new JsonObject { ["template"] = Template("2.0", hash: null) },
            ["status"] = new JsonObject { ["stableRS"] = "storefront-aaa" },
        };
        world.Cluster.Put(rollout);
        world.Cluster.ClearCalls();

        await world.Guard.HandleAsync(Signal(), default);

        Assert.True(JsonNode.DeepEquals(new JsonObject { ["abort"] = true }, RolloutAbort.AbortStatus()));
        var write = Assert.Single(world.Cluster.Writes, w => w.Path.Contains("/rollouts/"));
        Assert.Equal(("patch", "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/storefront/status"), (write.Verb, write.Path));
        var stored = world.Cluster.Peek("argoproj.io/v1alpha1", "Rollout", Ns, "storefront")!;
        Assert.Equal((true, "storefront-aaa"), (stored["status"]!["abort"]!.GetValue<bool>(), stored["status"]!["stableRS"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(Template("2.0", hash: null), stored["spec"]!["template"]), "the spec is the Rollout controller's business");
        Assert.Equal("Rollout", Assert.Single(world.Rollbacks())!["action"]!.GetValue<string>());
    }
}
