using System.Diagnostics;
using System.Text.Json.Nodes;
using RumOperator.Controllers;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;
using RumOperator.Runtime.Informers;
using RumOperator.Runtime.Metrics;

namespace RumOperator.Bench;

/// <summary>
/// The measuring process: starts the fake API server as a child, runs the operator's controllers against it exactly
/// as `rum-operator run` wires them, and reports time to converge, requests, RSS and writes during a full resync.
/// </summary>
internal static class OperatorMode
{
    private static readonly KindRef[] Primaries = [KindRef.RumPipeline, KindRef.SamplingPolicy, KindRef.RumSlo];

    public static async Task<int> RunAsync(string examples, int pipelines, int slos, int namespaces, TimeSpan resync)
    {
        using var server = ServerProcess.Start(examples, pipelines, slos, namespaces);
        var url = await server.ReadUrlAsync();
        var metrics = new RuntimeMetrics(Prometheus.Metrics.NewCustomRegistry());
        using var kubernetes = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = url });
        var client = new KubernetesClusterClient(kubernetes, new ClusterClientOptions { Metrics = metrics, Resources = OperatorResources.Map });
        var manager = new ControllerManager(client, new ManagerOptions
        {
            Metrics = metrics,
            Resources = OperatorResources.Map,
            Informer = new InformerOptions { ResyncPeriod = resync },
        });
        var caches = Primaries.ToDictionary(k => k, k => (IObjectCache)manager.Informers(k.ApiVersion, k.Kind));
        ControllerWiring.Register(manager, client, new ReconcilerOptions { CollectorImage = "ghcr.io/rumops/rum-collector:bench" },
            await ServedCrds.DiscoverAsync(client, CancellationToken.None));

        GC.Collect();
        var baseline = ProcessMemory.Read();
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.StartNew();
        var run = manager.RunAsync(stop.Token);
        await WaitAsync(() => Converged(caches, pipelines * 2 + slos) && Idle(metrics), TimeSpan.FromMinutes(5), "convergence");
        var converge = started.Elapsed;
        // The Event of each first Ready transition is the last write of its reconcile: wait for all of them.
        var startup = await server.StatsAsync();
        while (startup["byMethod"]!["POST"]?.GetValue<int>() < pipelines * 2 + slos)
        {
            await Task.Delay(100);
            startup = await server.StatsAsync();
        }
        GC.Collect();
        var memory = ProcessMemory.Read();

        await server.ClearAsync();
        var before = Reconciles(metrics);
        await WaitAsync(() => Reconciles(metrics) >= before + pipelines * 2 + slos && Idle(metrics), resync * 3, "a full resync");
        var steady = await server.StatsAsync();

        await stop.CancelAsync();
        await run;
        Console.WriteLine(new JsonObject
        {
            ["pipelines"] = pipelines,
            ["samplingPolicies"] = pipelines,
            ["slos"] = slos,
            ["namespaces"] = namespaces,
            ["convergeSeconds"] = Math.Round(converge.TotalSeconds, 2),
            ["requestsToConverge"] = startup,
            ["rssMiB"] = memory.RssMiB,
            ["rssAnonMiB"] = memory.AnonMiB,
            ["rssFileMiB"] = memory.FileMiB,
            ["peakRssMiB"] = memory.PeakMiB,
            ["rssBeforeStartMiB"] = baseline.RssMiB,
            ["managedHeapMiB"] = Math.Round(GC.GetTotalMemory(false) / 1048576.0, 1),
            ["gcCommittedMiB"] = Math.Round(GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0, 1),
            ["resyncReconciles"] = Reconciles(metrics) - before,
            ["requestsDuringResync"] = steady,
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return steady["writes"]!.GetValue<int>() == 0 ? 0 : 1;
    }

    /// <summary>Every custom resource has a status for its current generation with a Ready condition.</summary>
    private static bool Converged(IReadOnlyDictionary<KindRef, IObjectCache> caches, int expected)
    {
        var objects = caches.Values.SelectMany(c => c.List()).ToList();
        return objects.Count == expected && objects.All(o =>
            o["status"]?["observedGeneration"]?.GetValue<long>() == ObjectMeta.Generation(o) &&
            o["status"]?["conditions"] is JsonArray conditions && conditions.Any(c => c?["type"]?.GetValue<string>() == "Ready"));
    }

    private static bool Idle(RuntimeMetrics metrics) => Primaries.All(k => metrics.WorkqueueDepth.WithLabels(k.Kind).Value == 0);

    private static double Reconciles(RuntimeMetrics metrics) =>
        Primaries.Sum(k => metrics.ReconcileTotal.WithLabels(k.Kind, "success").Value + metrics.ReconcileTotal.WithLabels(k.Kind, "requeue").Value);

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"no {what} within {timeout}");
            await Task.Delay(100);
        }
    }
}
