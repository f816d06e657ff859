using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Rendering.Dashboards;
using RumOperator.Rendering.Pipeline;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Slo;
using RumOperator.Validation;

namespace RumOperator.Controllers;

/// <summary>
/// RumPipeline → its collector fleet: validates, renders with the SamplingPolicies of its namespace, applies what
/// differs (owner-referenced, so deletion is garbage collection), deletes what is no longer rendered, and reports
/// rollout, ingest endpoint, config hash and applied policies in status. The releases its RumSLOs' rollback targets
/// run go into the collector config (<see cref="LiveReleases"/>).
/// </summary>
public sealed class RumPipelineReconciler : CustomResourceReconciler<RumPipeline, RumPipelineStatus>
{
    private readonly OwnedObjectSync _sync;

    public RumPipelineReconciler(IClusterClient client, IObjectReader reader, ReconcilerOptions options)
        : base(KindRef.RumPipeline, client, reader, options, options.LoggerFactory.CreateLogger<RumPipelineReconciler>())
    {
        _sync = new OwnedObjectSync(client, reader, Logger);
    }

    public static string IngestEndpoint(string pipeline, string ns) => $"http://{CollectorNames.Collector(pipeline)}.{ns}.svc/v1/rum";

    protected override IReadOnlyList<FieldError> Validate(RumPipeline resource) => Validators.Validate(resource);

    protected override async Task<ReconcileResult> ReconcileAsync(RumPipeline pipeline, Reconciling<RumPipelineStatus> state, CancellationToken ct)
    {
        var (obj, ns, generation, draft) = state;
        // An invalid policy reports itself in its own status; it must not break every pipeline that selects it.
        var policies = await ListValidAsync<SamplingPolicy>(KindRef.SamplingPolicy, ns, Validators.Validate, ct).ConfigureAwait(false);
        var serviceMonitors = await Client.IsServedAsync(KindRef.ServiceMonitor, ct).ConfigureAwait(false);
        var owner = new Owner(ObjectMeta.ApiVersion(obj)!, ObjectMeta.Kind(obj)!, pipeline.Name, ObjectMeta.Uid(obj) ?? "");
        var (liveReleases, hasRollouts) = await LiveReleases.ReadAsync(Reader, ns, pipeline.Name, Logger, ct).ConfigureAwait(false);
        var options = new PipelineRenderOptions { CollectorImage = Options.CollectorImage, ServiceMonitorAvailable = serviceMonitors, LiveReleases = liveReleases };
        var grafanaDashboards = Options.Dashboards.GrafanaDashboards && await Client.IsServedAsync(KindRef.GrafanaDashboard, ct).ConfigureAwait(false);
        var dashboards = Options.Dashboards with { GrafanaInstanceSelector = grafanaDashboards ? Options.Dashboards.GrafanaInstanceSelector : null };
        var desired = PipelineRenderer.Render(pipeline, policies, options, owner)
            .Concat(DashboardRenderer.ForPipeline(pipeline, await SlosOfAsync(pipeline, ct).ConfigureAwait(false), dashboards, owner))
            .ToList();

        var live = await _sync.ApplyAsync(desired, ct).ConfigureAwait(false);
        var owned = KindRef.PipelineOwned.Where(new ServedCrds(serviceMonitors, PrometheusRules: false, grafanaDashboards).Serves);
        var pruned = await _sync.PruneAsync(owner, ns, owned, desired.Select(d => d.Key).ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        foreach (var gone in pruned)
            await Client.RecordEventAsync(obj, EventType.Normal, "Deleted", "Prune", $"deleted {gone}: no longer rendered for this pipeline", ct).ConfigureAwait(false);

        var config = CollectorConfigDocument.From(pipeline, policies, liveReleases);
        var deployment = live[desired.Single(d => d.Kind == KindRef.Deployment.Kind).Key];
        var rollout = CollectorRollout.From(deployment, pipeline.Spec.Collector.Replicas.Min);
        var (ready, progressing, degraded) = PipelineHealth.Conditions(rollout, generation);
        draft.Set(s => s.ObservedGeneration, generation);
        draft.Set(s => s.Replicas, rollout.Replicas);
        draft.Set(s => s.ReadyReplicas, rollout.Ready);
        draft.Set(s => s.IngestEndpoint, IngestEndpoint(pipeline.Name, ns));
        draft.Set(s => s.ConfigHash, config.Hash);
        draft.Set(s => s.AppliedPolicies, [.. config.AppliedPolicies]);
        draft.SetCondition(progressing);
        draft.SetCondition(degraded);
        await Status.WriteAsync(obj, draft, ready, ct).ConfigureAwait(false);
        await ReportConfigChangeAsync(obj, draft, config, ct).ConfigureAwait(false);
        // No polling: the Deployment is owned, so its status changes bring the pipeline back here; target Deployments
        // and RumSLOs are watched. Rollouts are not (their CRD may be absent): their releases are re-read.
        return hasRollouts ? ReconcileResult.RequeueAfter(LiveReleases.RolloutPollInterval) : ReconcileResult.Done;
    }

    /// <summary>The valid RumSLOs over this pipeline, with their alert windows: the dashboards show their burn, budget and alerts.</summary>
    private async Task<IReadOnlyList<(RumSlo, AlertWindowPlan)>> SlosOfAsync(RumPipeline pipeline, CancellationToken ct)
    {
        var slos = new List<(RumSlo, AlertWindowPlan)>();
        foreach (var obj in await Reader.ListAsync(KindRef.RumSlo, pipeline.Namespace, null, ct).ConfigureAwait(false))
        {
            var (slo, _) = ReadValid<RumSlo>(obj, Validators.Validate);
            if (slo is null || slo.Spec.PipelineRef.Name != pipeline.Name) continue;
            if (SloEngine.Render(slo, pipeline) is { Ok: true, Plan: { } plan }) slos.Add((slo, plan));
        }
        return slos;
    }

    /// <summary>A new config hash rolls every collector pod: worth an Event.</summary>
    private async Task ReportConfigChangeAsync(JsonObject obj, StatusDraft<RumPipelineStatus> draft, CollectorConfigDocument config, CancellationToken ct)
    {
        var previous = draft.Was(s => s.ConfigHash);
        if (previous is null || previous == config.Hash) return;
        await Client.RecordEventAsync(obj, EventType.Normal, "ConfigChanged", "Reconcile",
            $"collector config changed ({previous} → {config.Hash}); collector pods roll", ct).ConfigureAwait(false);
    }
}
