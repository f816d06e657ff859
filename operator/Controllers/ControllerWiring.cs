using RumOperator.PrometheusApi;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;
using RumOperator.Runtime.Informers;

namespace RumOperator.Controllers;

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
            // The live releases in the collector config: a target Deployment runs the release (RumSLOs are watched below).
            .Watches(KindRef.Deployment.ApiVersion, KindRef.Deployment.Kind, ev => LiveReleases.PipelinesTargeting(ev.Object, slos.List(ObjectMeta.Namespace(ev.Object)))
                .Distinct().Select(p => new ObjectKey(ObjectMeta.Namespace(ev.Object), p)));
        pipelineController.Watches(KindRef.RumSlo.ApiVersion, KindRef.RumSlo.Kind, ev => PipelineOf(ev));
        foreach (var kind in KindRef.PipelineOwned.Where(crds.Serves))
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
        foreach (var kind in KindRef.SloOwned.Where(crds.Serves))
        {
            sloController.Owns(kind.ApiVersion, kind.Kind);
            if (!caches.ContainsKey(kind)) Cache(kind);
        }
    }

    /// <summary>The pipeline a RumSLO names: its dashboards list the SLO's burn, budget and alerts.</summary>
    private static IEnumerable<ObjectKey> PipelineOf(InformerEvent ev) =>
        JsonText.Of(ev.Object["spec"]?["pipelineRef"]?["name"]) is { Length: > 0 } name
            ? [new ObjectKey(ObjectMeta.Namespace(ev.Object), name)]
            : [];

    private static IEnumerable<ObjectKey> KeysIn(IObjectCache cache, InformerEvent ev) =>
        cache.List(ObjectMeta.Namespace(ev.Object)).Select(ObjectKey.Of);

    /// <summary>The RumSLOs whose spec.pipelineRef names the changed pipeline.</summary>
    private static IEnumerable<ObjectKey> SlosOf(IObjectCache slos, InformerEvent ev) =>
        slos.List(ObjectMeta.Namespace(ev.Object))
            .Where(s => JsonText.Of(s["spec"]?["pipelineRef"]?["name"]) == ObjectMeta.Name(ev.Object))
            .Select(ObjectKey.Of);
}
