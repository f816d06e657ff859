using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using RumOperator.Api;
using RumOperator.Controllers;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.InMemory;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard;

/// <summary>The guard wired as AddReleaseGuard wires it, over an InMemoryCluster and a FakeTimeProvider; hosted services are not started.</summary>
public sealed class GuardWorld : IDisposable
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    public InMemoryCluster Cluster { get; }
    public ServiceProvider Services { get; }

    public GuardWorld(ReleaseGuardOptions? options = null, Action<IServiceCollection>? configure = null, InMemoryCluster? cluster = null)
    {
        Cluster = cluster ?? new InMemoryCluster(Time, OperatorResources.Map);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IClusterClient>(Cluster);
        services.AddReleaseGuard((options ?? new ReleaseGuardOptions()) with { MetricsRegistry = Prometheus.Metrics.NewCustomRegistry() });
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public ReleaseGuardService Guard => Services.GetRequiredService<ReleaseGuardService>();
    public ReleaseGuardMetrics Metrics => Services.GetRequiredService<ReleaseGuardMetrics>();
    public SignalQueue Queue => Services.GetRequiredService<SignalQueue>();

    /// <summary>The RumSLO (lastKnownGood 1.0, a Ready condition) and a Deployment running 2.0 at revision 2 over 1.0 at revision 1.</summary>
    public JsonObject Seed(RumSlo? slo = null, bool paused = false)
    {
        Cluster.Put(ToJson(slo ?? RollbackSlo(), new RumSloStatus
        {
            LastKnownGoodRelease = "1.0",
            SliKind = "errors",
            Conditions = [new Condition { Type = "Ready", Status = "True", Reason = "Rendered", LastTransitionTime = Time.GetUtcNow().UtcDateTime }],
        }));
        var deployment = Cluster.Put(Deployment("2.0", revision: 2, paused: paused));
        Cluster.Put(ReplicaSet(deployment, 1, "1.0", "aaa"));
        Cluster.Put(ReplicaSet(deployment, 2, "2.0", "bbb"));
        return deployment;
    }

    public JsonObject SloObject(string name = "checkout-errors") => Cluster.Peek(ApiGroup.ApiVersion, RumSlo.KindName, Ns, name)!;
    public JsonObject? DeploymentObject() => Cluster.Peek("apps/v1", "Deployment", Ns, "storefront");

    public JsonArray Rollbacks(string name = "checkout-errors") => SloObject(name)["status"]?["rollbacks"] as JsonArray ?? [];
    public JsonArray FailedRollbacks(string name = "checkout-errors") => SloObject(name)["status"]?["failedRollbacks"] as JsonArray ?? [];

    public void Dispose() => Services.Dispose();
}
