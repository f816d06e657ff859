using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Runtime.Hosting;
using RumOperator.Runtime.Informers;
using RumOperator.Runtime.Status;
using Fake = RumOperator.Runtime.ApiServer.EmbeddedApiServer;

namespace RumOperator.Runtime.Tests.Hosting;

/// <summary>The whole runtime over HTTP: informers feed the queue, owned-object drift is repaired, status is reported.</summary>
public sealed class ControllerManagerTests : IAsyncLifetime
{
    private const string PipelineApi = "rumops.dev/v1alpha1";
    private Fake _server = null!;

    public async Task InitializeAsync() => _server = await Fake.StartAsync(resources: ExampleKinds.Resources);
    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Owns one ConfigMap per RumPipeline holding spec.config, and reports Ready.</summary>
    private sealed class PipelineConfigReconciler(IClusterClient client, IObjectCache pipelines) : IReconciler
    {
        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            if (pipelines.Get(key) is not { } pipeline) return ReconcileResult.Done;
            await client.ApplyAsync(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject
                {
                    ["name"] = key.Name + "-config",
                    ["namespace"] = key.Namespace,
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = PipelineApi, ["kind"] = "RumPipeline", ["name"] = key.Name,
                        ["uid"] = ObjectMeta.Uid(pipeline), ["controller"] = true, ["blockOwnerDeletion"] = true,
                    }),
                },
                ["data"] = new JsonObject { ["config"] = pipeline["spec"]!["config"]!.DeepClone() },
            }, ct);
            var status = pipeline["status"]?.DeepClone().AsObject() ?? [];
            if (Conditions.Set(status, new JsonObject
                {
                    ["type"] = "Ready", ["status"] = "True", ["observedGeneration"] = ObjectMeta.Generation(pipeline), ["reason"] = "ConfigApplied", ["message"] = "",
                }, DateTimeOffset.UtcNow))
                await client.PatchStatusAsync(PipelineApi, "RumPipeline", key.Namespace, key.Name, status, ct);
            return ReconcileResult.Done;
        }
    }

    private static JsonObject Pipeline(string ns, string config) => new()
    {
        ["apiVersion"] = PipelineApi,
        ["kind"] = "RumPipeline",
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = ns },
        ["spec"] = new JsonObject { ["config"] = config },
    };

    private string? StoredConfig(string ns = "team-a") =>
        _server.Store.Get("v1/configmaps", ns, "web-config")?["data"]?["config"]?.GetValue<string>();

    [Fact]
    public async Task Creates_owned_objects_repairs_drift_reports_status_and_stops_gracefully()
    {
        var kubernetes = _server.CreateKubernetes();
        var client = new KubernetesClusterClient(kubernetes, new ClusterClientOptions { Resources = ExampleKinds.Resources });
        var manager = new ControllerManager(client, new ManagerOptions { WatchNamespaces = ["team-a"], Resources = ExampleKinds.Resources });
        var reconciler = new PipelineConfigReconciler(client, manager.Informers(PipelineApi, "RumPipeline"));
        manager.AddController(PipelineApi, "RumPipeline", reconciler).Owns("v1", "ConfigMap");
        using var cts = new CancellationTokenSource();
        var run = manager.RunAsync(cts.Token);

        _server.Store.Put(Pipeline("team-a", "v1"));
        _server.Store.Put(Pipeline("team-b", "ignored")); // outside --watch-namespaces
        await Eventually.TrueAsync(() => StoredConfig() == "v1", "config map created");
        await Eventually.TrueAsync(() => _server.Store.Get($"{PipelineApi}/rumpipelines", "team-a", "web")?["status"] is System.Text.Json.Nodes.JsonObject status && Conditions.IsTrue(status, "Ready"), "Ready");

        // Someone edits the owned ConfigMap: the owner watch brings the controller back to repair it.
        var tampered = _server.Store.Get("v1/configmaps", "team-a", "web-config")!;
        tampered["data"]!["config"] = "tampered";
        _server.Store.Put(tampered);
        await Eventually.TrueAsync(() => StoredConfig() == "v1", "drift repaired");

        // A spec change flows through as well.
        _server.Store.Put(Pipeline("team-a", "v2"));
        await Eventually.TrueAsync(() => StoredConfig() == "v2", "spec change applied");

        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(manager.IsSynced);
        Assert.Null(StoredConfig("team-b"));
        var watchPaths = _server.Requests.Where(r => r.IsWatch).Select(r => r.Path).Distinct().Order();
        Assert.Equal(["/api/v1/namespaces/team-a/configmaps", "/apis/rumops.dev/v1alpha1/namespaces/team-a/rumpipelines"], watchPaths);
    }

    [Fact]
    public async Task Cluster_wide_informers_watch_across_namespaces()
    {
        var client = new KubernetesClusterClient(_server.CreateKubernetes(), new ClusterClientOptions { Resources = ExampleKinds.Resources });
        var manager = new ControllerManager(client, new ManagerOptions { Resources = ExampleKinds.Resources });
        var pipelines = manager.Informers(PipelineApi, "RumPipeline");
        using var cts = new CancellationTokenSource();
        var run = manager.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => _server.Store.OpenWatches == 1, "watching");

        _server.Store.Put(Pipeline("team-a", "x"));
        _server.Store.Put(Pipeline("team-b", "y"));
        await Eventually.TrueAsync(() => pipelines.List().Count == 2, "both namespaces cached");
        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["/apis/rumops.dev/v1alpha1/rumpipelines"], _server.Requests.Where(r => r.IsWatch).Select(r => r.Path).Distinct());
    }
}
