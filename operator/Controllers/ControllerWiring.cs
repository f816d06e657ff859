using System.Text.Json.Nodes;
using RumOperator.Controllers.Prometheus;
using RumOperator.PrometheusApi;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;
using RumOperator.Runtime.Informers;

namespace RumOperator.Controllers;

/// <summary>Which optional CRDs the cluster serves, found by discovery before the controllers are declared.</summary>
public sealed record ServedCrds(bool ServiceMonitors, bool PrometheusRules)
{
    public static async Task<ServedCrds> DiscoverAsync(IClusterClient client, CancellationToken ct) =>
        new(await client.IsServedAsync(KindRef.ServiceMonitor, ct).ConfigureAwait(false),
            await client.IsServedAsync(KindRef.PrometheusRule, ct).ConfigureAwait(false));
}

/// <summary>
/// Declares the three controllers on a manager: what feeds each queue (For / Owns / Watches) and where reconcilers
/// read (the informer caches). Kinds whose CRD is not served get no informer, since its list would fail forever and
/// the caches would never sync; installing the Prometheus Operator later needs an operator restart.
/// </summary>
public static class ControllerWiring
{
    public static void Register(ControllerManager manager, IClusterClient client, ReconcilerOptions options, ServedCrds crds, IPrometheusQuery? prometheus = null)
    {
        var caches = new Dictionary<KindRef, IObjectCache>();
        IObjectCache Cache(KindRef kind) => caches[kind] = manager.Informers(kind.ApiVersion, kind.Kind);
        var pipelines = Cache(KindRef.RumPipeline);
        var policies = Cache(KindRef.SamplingPolicy);
        var slos = Cache(KindRef.RumSlo);
        var reader = new CachedObjectReader(caches, new ClientObjectReader(client));

        var pipelineController = manager.AddController(KindRef.RumPipeline.ApiVersion, KindRef.RumPipeline.Kind, new RumPipelineReconciler(client, reader, options))
            .Watches(KindRef.SamplingPolicy.ApiVersion, KindRef.SamplingPolicy.Kind, ev => PolicySelection.PipelinesAffectedBy(ev.Object, pipelines))
            // The live releases in the collector config: a RumSLO names the targets, a target Deployment runs the release.
            .Watches(KindRef.RumSlo.ApiVersion, KindRef.RumSlo.Kind, ev => PipelineOf(ev.Object))
            .Watches(KindRef.Deployment.ApiVersion, KindRef.Deployment.Kind, ev => LiveReleases.PipelinesTargeting(ev.Object, slos.List(ObjectMeta.Namespace(ev.Object)))
                .Distinct().Select(p => new ObjectKey(ObjectMeta.Namespace(ev.Object), p)));
        foreach (var kind in KindRef.PipelineOwned.Where(k => crds.ServiceMonitors || k != KindRef.ServiceMonitor))
        {
            pipelineController.Owns(kind.ApiVersion, kind.Kind);
            Cache(kind);
        }

        // A policy's status depends on the pipelines of its namespace and on the other policies there (conflicts).
        manager.AddController(KindRef.SamplingPolicy.ApiVersion, KindRef.SamplingPolicy.Kind, new SamplingPolicyReconciler(client, reader, options))
            .Watches(KindRef.RumPipeline.ApiVersion, KindRef.RumPipeline.Kind, ev => KeysIn(policies, ev))
            .Watches(KindRef.SamplingPolicy.ApiVersion, KindRef.SamplingPolicy.Kind, ev => KeysIn(policies, ev));

        var sloController = manager.AddController(KindRef.RumSlo.ApiVersion, KindRef.RumSlo.Kind, new RumSloReconciler(client, reader, options, prometheus))
            .Watches(KindRef.RumPipeline.ApiVersion, KindRef.RumPipeline.Kind, ev => SlosOf(slos, ev));
        if (crds.PrometheusRules)
        {
            sloController.Owns(KindRef.PrometheusRule.ApiVersion, KindRef.PrometheusRule.Kind);
            Cache(KindRef.PrometheusRule);
        }
    }

    private static IEnumerable<ObjectKey> KeysIn(IObjectCache cache, InformerEvent ev) =>
        cache.List(ObjectMeta.Namespace(ev.Object)).Select(ObjectKey.Of);

    private static IEnumerable<ObjectKey> PipelineOf(JsonObject slo) =>
        JsonText.Of(slo["spec"]?["pipelineRef"]?["name"]) is { Length: > 0 } name ? [new ObjectKey(ObjectMeta.Namespace(slo), name)] : [];

    /// <summary>The RumSLOs whose spec.pipelineRef names the changed pipeline.</summary>
    private static IEnumerable<ObjectKey> SlosOf(IObjectCache slos, InformerEvent ev) =>
        slos.List(ObjectMeta.Namespace(ev.Object))
            .Where(s => JsonText.Of(s["spec"]?["pipelineRef"]?["name"]) == ObjectMeta.Name(ev.Object))
            .Select(ObjectKey.Of);
}
