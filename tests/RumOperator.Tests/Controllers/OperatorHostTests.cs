using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Controllers;
using RumOperator.Hosting;
using RumOperator.PrometheusApi;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;
using RumOperator.Runtime.Metrics;
using RumOperator.Runtime.ApiServer;
using static RumOperator.Tests.Controllers.ControllerHarness;

namespace RumOperator.Tests.Controllers;

/// <summary>The `run` host against the fake API server: health and metrics on their own ports, and a clean stop.</summary>
public sealed class OperatorHostTests : IAsyncLifetime
{
    private EmbeddedApiServer _server = null!;

    public async Task InitializeAsync() => _server = await EmbeddedApiServer.StartAsync(resources: OperatorResources.Map);
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static int FreePort() => RumOperator.LocalStack.Processes.FreePort.Next();

    [Fact]
    public async Task Serves_readiness_health_and_metrics_on_their_ports_and_stops_gracefully()
    {
        _server.Store.Put(Example("pipeline.yaml", "RumPipeline"));
        // Every listener on a free port: the default alerts port (8082) may be taken on a shared machine.
        var options = OperatorOptions.Parse(null, Ns, Image, null, "1m", leaderElect: false, FreePort(), FreePort()) with
        {
            ReleaseGuard = new RumOperator.ReleaseGuard.ReleaseGuardOptions { AlertsPort = FreePort() },
        };
        using var kubernetes = _server.CreateKubernetes();
        await using var app = OperatorHost.Build(options, kubernetes, new PodIdentity("rum-operator-0", "rum-system"), logging: _ => { });
        using var http = new HttpClient();
        var health = $"http://127.0.0.1:{options.HealthPort}";
        var metrics = $"http://127.0.0.1:{options.MetricsPort}";

        await app.StartAsync();
        await WaitFor(async () => (await http.GetAsync($"{health}/readyz")).StatusCode == HttpStatusCode.OK, "/readyz");
        await WaitFor(() => Task.FromResult(_server.Store.Get("rumops.dev/v1alpha1/rumpipelines", Ns, "web")?["status"] is not null), "pipeline status");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{health}/healthz")).StatusCode);
        var text = await http.GetStringAsync($"{metrics}/metrics");
        Assert.Contains("rum_operator_reconcile_total{kind=\"RumPipeline\"", text);
        Assert.Contains("rum_operator_api_requests_total{verb=\"apply\"", text);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{health}/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{metrics}/readyz")).StatusCode);

        var stopped = app.StopAsync();
        Assert.Same(stopped, await Task.WhenAny(stopped, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task One_Prometheus_client_serves_rumslo_status_the_release_guard_and_the_console()
    {
        var options = OperatorOptions.Parse(null, Ns, Image, null, "1m", leaderElect: false, FreePort(), FreePort()) with
        {
            PrometheusUrl = new Uri("http://prometheus.test:9090"),
            ReleaseGuard = new RumOperator.ReleaseGuard.ReleaseGuardOptions { AlertsPort = FreePort() },
        };
        using var kubernetes = _server.CreateKubernetes();
        await using var app = OperatorHost.Build(options, kubernetes, new PodIdentity("rum-operator-0", "rum-system"), logging: _ => { });

        var query = app.Services.GetRequiredService<IPrometheusQuery>();
        Assert.IsType<PrometheusHttpQuery>(query);
        Assert.Same(query, app.Services.GetRequiredService<OperatorComponents>().Prometheus);
        Assert.Same(query, app.Services.GetRequiredService<IPrometheusRangeQuery>());
        Assert.Single(app.Services.GetServices<IPrometheusQuery>());
    }

    [Fact]
    public async Task Endpoints_are_bound_to_their_listener_not_to_the_Host_header()
    {
        var options = OperatorOptions.Parse(null, Ns, Image, null, "1m", leaderElect: false, FreePort(), FreePort()) with
        {
            ReleaseGuard = new RumOperator.ReleaseGuard.ReleaseGuardOptions { AlertsPort = FreePort() },
        };
        using var kubernetes = _server.CreateKubernetes();
        await using var app = OperatorHost.Build(options.Checked(), kubernetes, new PodIdentity("rum-operator-0", "rum-system"), logging: _ => { });
        using var http = new HttpClient();
        await app.StartAsync();
        await WaitFor(async () => (await http.GetAsync($"http://127.0.0.1:{options.HealthPort}/healthz")).StatusCode == HttpStatusCode.OK, "/healthz");

        // A client names the metrics port in Host while connected to the health port.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{options.HealthPort}/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{options.MetricsPort}";
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(spoofed)).StatusCode);

        // /alerts is served on its own listener only (401 there: no token is configured).
        var empty = new StringContent("{}");
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"http://127.0.0.1:{options.MetricsPort}/alerts", empty)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"http://127.0.0.1:{options.HealthPort}/alerts", empty)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync($"http://127.0.0.1:{options.ReleaseGuard.AlertsPort}/alerts", empty)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{options.ReleaseGuard.AlertsPort}/metrics")).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void Alerts_need_a_port_of_their_own_and_TLS_needs_the_webhook()
    {
        var options = OperatorOptions.Parse(null, Ns, Image, null, "1m", leaderElect: false, 8080, 8081);
        var shared = Assert.Throws<ArgumentException>(() => (options with { ReleaseGuard = new() { AlertsPort = 8080 } }).Checked());
        Assert.StartsWith("--alerts-port: 8080 is already the port of --metrics-port", shared.Message);
        var tls = Assert.Throws<ArgumentException>(() => (options with { ReleaseGuard = new() { AlertsTls = true } }).Checked());
        Assert.StartsWith("--alerts-tls: needs --webhook", tls.Message);
    }

    private sealed class RecordingExtension : IControllerExtension
    {
        public TaskCompletionSource<ServedCrds> Registered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Register(ControllerManager manager, IClusterClient client, ServedCrds crds)
        {
            manager.Informers("apps/v1", "ReplicaSet"); // an extension may add caches before the manager starts
            Registered.TrySetResult(crds);
        }
    }

    [Fact]
    public async Task Controller_extensions_register_after_discovery_and_before_the_manager_starts()
    {
        using var kubernetes = _server.CreateKubernetes();
        var client = new KubernetesClusterClient(kubernetes, new ClusterClientOptions { Metrics = new RuntimeMetrics(global::Prometheus.Metrics.NewCustomRegistry()), Resources = OperatorResources.Map });
        var manager = new ControllerManager(client, new ManagerOptions { Metrics = new RuntimeMetrics(global::Prometheus.Metrics.NewCustomRegistry()), Resources = OperatorResources.Map });
        var extension = new RecordingExtension();
        var service = new ManagerService(new OperatorComponents(client, manager, new ReconcilerOptions { CollectorImage = Image }, null),
            [extension], new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), NullLogger<ManagerService>.Instance);

        await service.StartAsync(CancellationToken.None);
        var crds = await extension.Registered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitFor(() => Task.FromResult(manager.IsSynced), "caches synced");
        // The watch follows the list that synced the cache, on its own schedule.
        await WaitFor(() => Task.FromResult(_server.Requests.Any(r => r.Path == "/apis/apps/v1/replicasets" && r.IsWatch)), "the extension's ReplicaSet watch");
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(new ServedCrds(ServiceMonitors: true, PrometheusRules: true, GrafanaDashboards: true, AnalysisTemplates: true, MetricTemplates: true), crds);
        Assert.False(service.Failed);
    }

    /// <summary>Waits up to 15 s; a server not listening yet counts as not yet.</summary>
    private static Task WaitFor(Func<Task<bool>> condition, string what) =>
        Eventually.UntilAsync(async () =>
        {
            try { return await condition(); }
            catch (HttpRequestException) { return false; } // not listening yet
        }, TimeSpan.FromSeconds(15), () => what);
}
