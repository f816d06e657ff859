using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RumOperator.Controllers;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;
using RumOperator.Runtime.Metrics;
using RumOperator.Runtime.ApiServer;
using RumOperator.Tests.Schemas;
using static RumOperator.Tests.Controllers.ControllerHarness;

namespace RumOperator.Tests.Controllers;

/// <summary>
/// The real ControllerManager and KubernetesClusterClient, wired as `run` wires them, against the in-process fake
/// API server over HTTP: applying the example pipeline produces the expected server-side apply requests.
/// </summary>
public sealed class ManagerOverHttpTests : IAsyncLifetime
{
    private EmbeddedApiServer _server = null!;

    public async Task InitializeAsync() => _server = await EmbeddedApiServer.StartAsync(resources: OperatorResources.Map);
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly string[] FleetPaths =
    [
        "/api/v1/namespaces/shop/serviceaccounts/web-collector",
        "/api/v1/namespaces/shop/configmaps/web-collector-config",
        "/apis/apps/v1/namespaces/shop/deployments/web-collector",
        "/api/v1/namespaces/shop/services/web-collector",
        "/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web-collector",
        "/apis/policy/v1/namespaces/shop/poddisruptionbudgets/web-collector",
        "/apis/monitoring.coreos.com/v1/namespaces/shop/servicemonitors/web-collector",
        "/apis/monitoring.coreos.com/v1/namespaces/shop/prometheusrules/rumslo-checkout-lcp",
        "/api/v1/namespaces/shop/configmaps/web-dashboard-executive",
        "/api/v1/namespaces/shop/configmaps/web-dashboard-oncall",
        "/api/v1/namespaces/shop/configmaps/web-dashboard-debug",
        "/api/v1/namespaces/shop/configmaps/rumslo-checkout-lcp-dashboard-slo",
        "/apis/argoproj.io/v1alpha1/namespaces/shop/analysistemplates/rumslo-checkout-lcp",
        "/apis/flagger.app/v1beta1/namespaces/shop/metrictemplates/rumslo-checkout-lcp",
    ];

    [Fact]
    public async Task Example_manifests_become_server_side_applies_and_a_resync_writes_nothing()
    {
        var pipeline = _server.Store.Put(Example("pipeline.yaml", "RumPipeline"));
        _server.Store.Put(Example("sampling-policy.yaml", "SamplingPolicy"));
        _server.Store.Put(Example("slo-checkout-lcp.yaml", "RumSLO"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var metrics = new RuntimeMetrics(global::Prometheus.Metrics.NewCustomRegistry());
        var client = new KubernetesClusterClient(_server.CreateKubernetes(), new ClusterClientOptions { Metrics = metrics, Resources = OperatorResources.Map });
        var manager = new ControllerManager(client, new ManagerOptions { Metrics = metrics, Time = time, WatchNamespaces = [Ns], Resources = OperatorResources.Map });
        ControllerWiring.Register(manager, client, new ReconcilerOptions { CollectorImage = Image, Time = time },
            await ServedCrds.DiscoverAsync(client, CancellationToken.None));
        using var stop = new CancellationTokenSource();
        var run = manager.RunAsync(stop.Token);

        // The queue's retry backoff runs on the fake clock: move it along while waiting, so a reconcile that lost a
        // race on a loaded machine (a conflict, a cache not yet updated) is retried instead of waiting forever.
        await Eventually.TrueAsync(() =>
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                return Ready("rumslos", "checkout-lcp") is not null && Ready("rumpipelines", "web") is not null
                       && Ready("samplingpolicies", "web-default") is not null && Idle(metrics)
                       // Each first Ready is one Event, posted after its status: the last write of a reconcile.
                       && _server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/events", StringComparison.Ordinal)) >= 3;
            },
            "every resource reports Ready", TimeSpan.FromSeconds(30));

        var applies = _server.Requests.Where(r => r.Method == "PATCH" && r.ContentType == "application/apply-patch+yaml").ToList();
        Assert.Equal(FleetPaths.Order(), applies.Select(r => r.Path).Distinct().Order());
        foreach (var apply in applies)
        {
            Assert.Equal("rum-operator", apply.QueryValue("fieldManager"));
            Assert.Equal("true", apply.QueryValue("force"));
            var body = JsonNode.Parse(apply.Body)!.AsObject();
            Assert.Empty(SchemaValidator.Validate(body));
            Assert.NotNull(ObjectMeta.ControllerOwner(body)?["uid"]);
        }
        var deploymentApply = JsonNode.Parse(applies.First(a => a.Path.EndsWith("/deployments/web-collector", StringComparison.Ordinal)).Body)!.AsObject();
        Assert.Equal(ObjectMeta.Uid(pipeline), ObjectMeta.ControllerOwner(deploymentApply)!["uid"]!.GetValue<string>());
        Assert.Contains(_server.Requests, r => r.Method == "PATCH" && r.Path == "/apis/rumops.dev/v1alpha1/namespaces/shop/rumpipelines/web/status"
                                               && r.ContentType == "application/merge-patch+json");
        Assert.Equal("RulesApplied", Ready("rumslos", "checkout-lcp"));

        // Least privilege: every request the controllers made is allowed by the Helm chart's RBAC.
        var chart = Chart.HelmChart.Template();
        var rbac = Chart.RbacPolicy.For(chart, Chart.HelmChart.Release, Chart.HelmChart.Namespace);
        var made = _server.Requests.SelectMany(r => Chart.ApiRequest.FromHttp(r.Method, r.Path, r.Query, r.ContentType)).ToList();
        Assert.NotEmpty(made);
        Assert.Empty(rbac.Denied(made));

        // Steady state: a full resync replays every object to the reconcilers, and none of them writes.
        _server.ClearRequests();
        var reconciled = Reconciles(metrics);
        time.Advance(TimeSpan.FromMinutes(11));
        await Eventually.TrueAsync(() => Reconciles(metrics) >= reconciled + 3 && Idle(metrics), "the resync reconciled every resource", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(_server.Requests, r => r.Method is "PATCH" or "PUT" or "POST" or "DELETE");

        await stop.CancelAsync();
        await run;
    }

    private string? Ready(string plural, string name) =>
        _server.Store.Get($"rumops.dev/v1alpha1/{plural}", Ns, name)?["status"]?["conditions"]?.AsArray()
            .FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Ready")?["reason"]?.GetValue<string>();

    private static bool Idle(RuntimeMetrics metrics) =>
        new[] { "RumPipeline", "SamplingPolicy", "RumSLO" }.All(k => metrics.WorkqueueDepth.WithLabels(k).Value == 0);

    private static double Reconciles(RuntimeMetrics metrics) =>
        new[] { "RumPipeline", "SamplingPolicy", "RumSLO" }.Sum(k => metrics.ReconcileTotal.WithLabels(k, "success").Value + metrics.ReconcileTotal.WithLabels(k, "requeue").Value);
}
