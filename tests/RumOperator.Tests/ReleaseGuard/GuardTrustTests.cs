using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RumOperator.Api;
using RumOperator.Controllers;
using RumOperator.PrometheusApi;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.InMemory;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard;

/// <summary>What the guard checks before it acts, and how it acts when replicas, targets and failures get in the way.</summary>
public class GuardTrustTests
{
    private static Dictionary<string, string> RuleLabels(string team = "storefront", string ns = Ns) => new()
    {
        ["alertname"] = "RumSLOPageBurn", ["slo"] = "checkout-errors", ["namespace"] = ns, ["severity"] = "page",
        ["team"] = team, ["release"] = "2.0", ["prometheus"] = "monitoring/k8s", // an external label: allowed
    };

    private static RumSlo TeamSlo()
    {
        var slo = RollbackSlo();
        slo.Spec.Alerting.Page.Labels = new Dictionary<string, string> { ["team"] = "storefront" };
        return slo;
    }

    [Fact]
    public async Task An_alert_whose_labels_no_rendered_rule_can_produce_is_ignored()
    {
        using var world = new GuardWorld();
        world.Seed(TeamSlo());
        world.Cluster.ClearCalls();

        // Another tenant's rule, relabelled to look like this SLO's, cannot match every label the rule sets.
        var forged = await world.Guard.HandleAsync(Signal() with { Labels = RuleLabels(team: "payments") }, default);

        Assert.Equal(("unknown_rule", Verdict.Ignore), (forged.Decision.Reason, forged.Decision.Verdict));
        Assert.Contains("labels.team: 'payments'", forged.Decision.Message);
        Assert.Empty(world.Cluster.Writes);
        Assert.Equal("2.0", world.DeploymentObject()!["spec"]!["template"]!["metadata"]!["labels"]![ReleaseLabel]!.GetValue<string>());
        Assert.Equal(1, world.Metrics.Signals.WithLabels("alertmanager", "unknown_rule").Value);

        var genuine = await world.Guard.HandleAsync(Signal() with { Labels = RuleLabels() }, default);
        Assert.Equal("rollback", genuine.Decision.Reason);
    }

    [Theory]
    [InlineData("not burning", false, "no_evidence")]
    [InlineData("unreachable", true, "evidence_unavailable")]
    public async Task Prometheus_evidence_that_contradicts_the_alert_stops_the_rollback(string why, bool fails, string reason)
    {
        // The alert claims 2.0 burns; Prometheus, asked now, sees only 3.0 burning (or cannot be asked).
        var prometheus = new FakePrometheus([FakePrometheus.Release("3.0", 40)], [FakePrometheus.Release("2.0", 900), FakePrometheus.Release("3.0", 900)])
        {
            Failure = fails ? new PrometheusQueryException("connection refused") : null,
        };
        using var world = new GuardWorld(configure: s => s.AddSingleton<IPrometheusQuery>(prometheus));
        world.Seed();
        world.Cluster.ClearCalls();

        var outcome = await world.Guard.HandleAsync(Signal(events: 5000, burn: 99), default);

        Assert.Equal(reason, outcome.Decision.Reason);
        Assert.Empty(world.Cluster.Writes);
        Assert.NotEmpty(prometheus.Queries);
        Assert.True(prometheus.Queries.All(q => q.Contains("slo=\"checkout-errors\"") || q.Contains("job=\"web-collector\"")), why);
    }

    [Fact]
    public async Task The_guard_acts_on_what_prometheus_measured_not_on_the_alerts_annotations()
    {
        var prometheus = new FakePrometheus([FakePrometheus.Release("2.0", 31.25)], [FakePrometheus.Release("2.0", 640)]);
        using var world = new GuardWorld(configure: s => s.AddSingleton<IPrometheusQuery>(prometheus));
        world.Seed();

        // Annotations are template output the alert carries; a forged 10^6 does not reach the record.
        var outcome = await world.Guard.HandleAsync(Signal(events: 1_000_000, burn: 1000), default);

        Assert.Equal("rollback", outcome.Decision.Reason);
        var record = Assert.Single(world.Rollbacks())!;
        Assert.Equal(("31.25", 640L), (record["burnRate"]!.GetValue<string>(), record["events"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Two_replicas_deciding_at_once_act_once_and_lose_no_record()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var cluster = new InMemoryCluster(time, OperatorResources.Map);
        var rendezvous = new GatedCluster.Rendezvous(2);
        using var a = new GuardWorld(cluster: cluster, configure: s => s.AddSingleton<IClusterClient>(new GatedCluster(cluster, rendezvous)));
        using var b = new GuardWorld(cluster: cluster, configure: s => s.AddSingleton<IClusterClient>(new GatedCluster(cluster, rendezvous)));
        a.Seed();
        cluster.ClearCalls();

        // Both read the RumSLO at the same resourceVersion before either writes.
        var outcomes = await Task.WhenAll(
            Task.Run(() => a.Guard.HandleAsync(Signal(), default)),
            Task.Run(() => b.Guard.HandleAsync(Signal() with { Source = SignalSource.Prometheus }, default)));

        // The loser sees the winner's claim (or, if it read the Deployment after the undo, that 2.0 no longer runs).
        Assert.Single(outcomes, o => o.Decision.Reason == "rollback");
        Assert.Single(outcomes, o => o.Decision.Verdict == Verdict.Ignore && o.Decision.Reason is "already_handled" or "not_current_release");
        Assert.Single(cluster.Writes, w => w.Path.EndsWith("/deployments/storefront"));
        var record = Assert.Single(a.Rollbacks())!;
        Assert.Equal(("2.0", "Succeeded"), (record["release"]!.GetValue<string>(), record["result"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Two_replicas_refusing_at_once_record_one_refusal()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var cluster = new InMemoryCluster(time, OperatorResources.Map);
        var rendezvous = new GatedCluster.Rendezvous(2);
        using var a = new GuardWorld(cluster: cluster, configure: s => s.AddSingleton<IClusterClient>(new GatedCluster(cluster, rendezvous)));
        using var b = new GuardWorld(cluster: cluster, configure: s => s.AddSingleton<IClusterClient>(new GatedCluster(cluster, rendezvous)));
        a.Seed(paused: true);

        var outcomes = await Task.WhenAll(
            Task.Run(() => a.Guard.HandleAsync(Signal(), default)),
            Task.Run(() => b.Guard.HandleAsync(Signal(), default)));

        Assert.Equal(["already_handled", "paused"], outcomes.Select(o => o.Decision.Reason).Order());
        Assert.Equal("Refused", Assert.Single(a.Rollbacks())!["result"]!.GetValue<string>());
        Assert.Single(cluster.Events, e => e["reason"]!.GetValue<string>() == "RollbackRefused" && e["regarding"]!["kind"]!.GetValue<string>() == "RumSLO");
    }

    [Fact]
    public async Task Concurrent_records_for_two_releases_are_both_kept()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var cluster = new InMemoryCluster(time, OperatorResources.Map);
        var rendezvous = new GatedCluster.Rendezvous(2);
        using var a = new GuardWorld(cluster: cluster, configure: s => s.AddSingleton<IClusterClient>(new GatedCluster(cluster, rendezvous)));
        using var b = new GuardWorld(cluster: cluster, configure: s => s.AddSingleton<IClusterClient>(new GatedCluster(cluster, rendezvous)));
        // A webhook nobody allowed: each release is refused, and refusals do not start the cooldown.
        a.Seed(RollbackSlo("""
            target: { kind: webhook }
            webhook: { url: "https://ci.example/hook", secretRef: { name: hook } }
            """));

        await Task.WhenAll(
            Task.Run(() => a.Guard.HandleAsync(Signal(release: "2.0"), default)),
            Task.Run(() => b.Guard.HandleAsync(Signal(release: "3.0"), default)));

        Assert.Equal(["2.0/Refused", "3.0/Refused"],
            a.Rollbacks().Select(r => $"{r!["release"]}/{r["result"]}").Order());
    }

    [Fact]
    public async Task Failed_attempts_never_push_a_rollback_out_of_the_history()
    {
        using var world = new GuardWorld(new ReleaseGuardOptions
            {
                WebhookRetries = 0, WebhookAllowedHosts = ["ci.example"], MaxRollbackRecords = 50, MaxFailedRecords = 10,
            },
            s => s.AddHttpClient(WebhookNotifier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new RecordingHandler(HttpStatusCode.BadGateway)));
        world.Seed(RollbackSlo("""
            target: { kind: webhook }
            webhook: { url: "https://ci.example/hook", secretRef: { name: hook } }
            """));
        world.Cluster.Put(GuardObjects.Secret("hook", "secret", "k"));
        var slo = world.SloObject();
        slo["status"]!["rollbacks"] = new JsonArray(new JsonObject
        {
            ["release"] = "1.5", ["time"] = "2025-06-01T10:00:00Z", ["burnRate"] = "20", ["events"] = 900,
            ["action"] = "webhook", ["result"] = "Succeeded", ["message"] = "answered 202",
        });
        await world.Cluster.ReplaceStatusAsync(slo);

        for (var i = 0; i < 60; i++) await world.Guard.HandleAsync(Signal(release: $"2.{i}"), default);
        var again = await world.Guard.HandleAsync(Signal(release: "1.5"), default);

        Assert.Equal("already_handled", again.Decision.Reason);
        Assert.Equal("1.5", Assert.Single(world.Rollbacks())!["release"]!.GetValue<string>());
        Assert.Equal(10, world.FailedRollbacks().Count);
        Assert.Equal("2.59", world.FailedRollbacks()[^1]!["release"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_fully_promoted_rollout_is_refused_not_reported_as_abort()
    {
        using var world = new GuardWorld();
        world.Seed(RollbackSlo("target: { kind: Rollout, name: storefront }"));
        world.Cluster.Put(new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1", ["kind"] = "Rollout",
            ["metadata"] = new JsonObject { ["name"] = "storefront", ["namespace"] = Ns },
            ["spec"] = new JsonObject { ["template"] = Template("2.0", hash: null) },
            ["status"] = new JsonObject { ["stableRS"] = "7d9f8c", ["currentPodHash"] = "7d9f8c" },
        });
        world.Cluster.ClearCalls();

        var outcome = await world.Guard.HandleAsync(Signal(), default);

        Assert.Equal(("fully_promoted", Verdict.Refuse), (outcome.Decision.Reason, outcome.Decision.Verdict));
        Assert.DoesNotContain(world.Cluster.Writes, w => w.Path.Contains("/rollouts/"));
        var record = Assert.Single(world.Rollbacks())!;
        Assert.Equal("Refused", record["result"]!.GetValue<string>());
        Assert.Contains("fully promoted", record["message"]!.GetValue<string>());
        Assert.Equal("RollbackRefused", world.Cluster.Events[0]["reason"]!.GetValue<string>());
    }

    /// <summary>A webhook that accepts the connection and never answers.</summary>
    private sealed class DeadEndpoint : HttpMessageHandler
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Called.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task A_dead_webhook_does_not_delay_another_slos_rollback()
    {
        var dead = new DeadEndpoint();
        using var world = new GuardWorld(new ReleaseGuardOptions
            {
                WebhookRetries = 0, WebhookAttemptTimeout = TimeSpan.FromHours(1), ActionTimeout = TimeSpan.FromSeconds(30),
                WebhookAllowedHosts = ["ci.example"],
            },
            s => s.AddHttpClient(WebhookNotifier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => dead));
        world.Seed(RollbackSlo("""
            target: { kind: webhook }
            webhook: { url: "https://ci.example/hook", secretRef: { name: hook } }
            """, name: "checkout-webhook"));
        world.Cluster.Put(ToJson(RollbackSlo()));
        world.Cluster.Put(GuardObjects.Secret("hook", "secret", "k"));
        var worker = world.Services.GetServices<IHostedService>().OfType<ReleaseGuardWorker>().Single();
        await worker.StartAsync(default);
        try
        {
            Assert.True(world.Queue.TryEnqueue(Signal(slo: "checkout-webhook")));
            await dead.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(world.Queue.TryEnqueue(Signal()));

            // No time passes on the guard's clock: the healthy SLO is rolled back while the webhook hangs.
            await Eventually.TrueAsync(() => world.Rollbacks().Any(r => r!["result"]!.GetValue<string>() == "Succeeded"), "the healthy SLO's rollback", TimeSpan.FromSeconds(30));
            Assert.Equal("InProgress", Assert.Single(world.Rollbacks("checkout-webhook"))!["result"]!.GetValue<string>());

            world.Time.Advance(TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(() => world.FailedRollbacks("checkout-webhook").Count == 1, "the dead webhook's deadline", TimeSpan.FromSeconds(30));
            Assert.Contains("action deadline (30 s)", world.FailedRollbacks("checkout-webhook")[0]!["message"]!.GetValue<string>());
            Assert.Empty(world.Rollbacks("checkout-webhook")); // the claim is gone: the next signal decides again
        }
        finally { await worker.StopAsync(default); }
    }

    [Fact]
    public async Task Repeated_signals_for_one_release_are_merged_in_the_queue()
    {
        var queue = new SignalQueue(new ReleaseGuardOptions { QueueCapacity = 2 });

        for (var i = 1; i <= 100; i++) Assert.True(queue.TryEnqueue(Signal(burn: i)));
        Assert.True(queue.TryEnqueue(Signal(release: "3.0")));
        Assert.False(queue.TryEnqueue(Signal(release: "4.0"))); // full: two distinct releases wait
        Assert.True(queue.TryEnqueue(Signal(burn: 101))); // a repeat is always merged

        Assert.Equal(2, queue.Count);
        var first = await queue.TakeAsync(default);
        Assert.Equal(("2.0", 101.0), (first.Release, first.BurnRate));
        // The same SLO is taken by one lane at a time: 3.0 waits until 2.0 is released.
        var second = queue.TakeAsync(default);
        Assert.False(second.IsCompleted);
        queue.Release(first);
        Assert.Equal("3.0", (await second.WaitAsync(TimeSpan.FromSeconds(10))).Release);
    }
}
