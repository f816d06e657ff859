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
public sealed class RumPipelineReconciler : IReconciler
{
    private readonly IClusterClient _client;
    private readonly IObjectReader _reader;
    private readonly ReconcilerOptions _options;
    private readonly OwnedObjectSync _sync;
    private readonly StatusWriter _status;
    private readonly ILogger _logger;

    public RumPipelineReconciler(IClusterClient client, IObjectReader reader, ReconcilerOptions options)
    {
        _client = client;
        _reader = reader;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<RumPipelineReconciler>();
        _sync = new OwnedObjectSync(client, reader, _logger);
        _status = new StatusWriter(client);
    }

    public static string IngestEndpoint(string pipeline, string ns) => $"http://{CollectorNames.Collector(pipeline)}.{ns}.svc/v1/rum";

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var ns = key.Namespace ?? "default";
        var obj = await _reader.GetAsync(KindRef.RumPipeline, ns, key.Name, ct).ConfigureAwait(false);
        // Owned objects carry owner references: the garbage collector removes them, no finalizer needed.
        if (obj is null || ObjectMeta.IsBeingDeleted(obj)) return ReconcileResult.Done;

        var generation = ObjectMeta.Generation(obj);
        var draft = new StatusDraft(obj, _options.Time.GetUtcNow());
        var (pipeline, errors) = CustomResourceReader.ReadValid<RumPipeline>(obj, Validators.Validate);
        if (pipeline is null || errors.Count > 0)
        {
            _logger.LogWarning("RumPipeline {Key} is invalid: {Errors}", key, string.Join("; ", errors));
            await _status.WriteAsync(obj, draft, Verdicts.MarkInvalid(draft, errors, generation), ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var policies = await ValidPoliciesAsync(ns, ct).ConfigureAwait(false);
        var serviceMonitors = await _client.IsServedAsync(KindRef.ServiceMonitor, ct).ConfigureAwait(false);
        var owner = new Owner(ObjectMeta.ApiVersion(obj)!, ObjectMeta.Kind(obj)!, pipeline.Name, ObjectMeta.Uid(obj) ?? "");
        var (liveReleases, hasRollouts) = await LiveReleases.ReadAsync(_reader, ns, pipeline.Name, _logger, ct).ConfigureAwait(false);
        var options = new PipelineRenderOptions { CollectorImage = _options.CollectorImage, ServiceMonitorAvailable = serviceMonitors, LiveReleases = liveReleases };
        var grafanaDashboards = _options.Dashboards.GrafanaDashboards && await _client.IsServedAsync(KindRef.GrafanaDashboard, ct).ConfigureAwait(false);
        var dashboards = _options.Dashboards with { GrafanaInstanceSelector = grafanaDashboards ? _options.Dashboards.GrafanaInstanceSelector : null };
        var desired = PipelineRenderer.Render(pipeline, policies, options, owner)
            .Concat(DashboardRenderer.ForPipeline(pipeline, await SlosOfAsync(pipeline, ct).ConfigureAwait(false), dashboards, owner))
            .ToList();

        var live = await _sync.ApplyAsync(desired, ct).ConfigureAwait(false);
        var owned = KindRef.PipelineOwned.Where(new ServedCrds(serviceMonitors, PrometheusRules: false, grafanaDashboards).Serves);
        var pruned = await _sync.PruneAsync(owner, ns, owned, desired.Select(d => d.Key).ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        foreach (var gone in pruned)
            await _client.RecordEventAsync(obj, EventType.Normal, "Deleted", "Prune", $"deleted {gone}: no longer rendered for this pipeline", ct).ConfigureAwait(false);

        var config = CollectorConfigDocument.From(pipeline, policies, liveReleases);
        var deployment = live[desired.Single(d => d.Kind == KindRef.Deployment.Kind).Key];
        var rollout = CollectorRollout.From(deployment, pipeline.Spec.Collector.Replicas.Min);
        var (ready, progressing, degraded) = PipelineHealth.Conditions(rollout, generation);
        draft.Set("observedGeneration", generation);
        draft.Set("replicas", rollout.Replicas);
        draft.Set("readyReplicas", rollout.Ready);
        draft.Set("ingestEndpoint", IngestEndpoint(pipeline.Name, ns));
        draft.Set("configHash", config.Hash);
        draft.Set("appliedPolicies", new JsonArray([.. config.AppliedPolicies.Select(p => (JsonNode)p)]));
        draft.SetCondition(progressing);
        draft.SetCondition(degraded);
        await _status.WriteAsync(obj, draft, ready, ct).ConfigureAwait(false);
        await ReportConfigChangeAsync(obj, draft, config, ct).ConfigureAwait(false);
        // No polling: the Deployment is owned, so its status changes bring the pipeline back here; target Deployments
        // and RumSLOs are watched. Rollouts are not (their CRD may be absent): their releases are re-read.
        return hasRollouts ? ReconcileResult.RequeueAfter(LiveReleases.RolloutPollInterval) : ReconcileResult.Done;
    }

    /// <summary>The valid RumSLOs over this pipeline, with their alert windows: the dashboards show their burn, budget and alerts.</summary>
    private async Task<IReadOnlyList<(RumSlo, AlertWindowPlan)>> SlosOfAsync(RumPipeline pipeline, CancellationToken ct)
    {
        var slos = new List<(RumSlo, AlertWindowPlan)>();
        foreach (var obj in await _reader.ListAsync(KindRef.RumSlo, pipeline.Namespace, null, ct).ConfigureAwait(false))
        {
            var (slo, errors) = CustomResourceReader.ReadValid<RumSlo>(obj, Validators.Validate);
            if (slo is null || errors.Count > 0 || slo.Spec.PipelineRef.Name != pipeline.Name) continue;
            if (SloEngine.Render(slo, pipeline) is { Ok: true, Plan: { } plan }) slos.Add((slo, plan));
        }
        return slos;
    }

    private async Task<IReadOnlyList<SamplingPolicy>> ValidPoliciesAsync(string ns, CancellationToken ct)
    {
        var valid = new List<SamplingPolicy>();
        foreach (var obj in await _reader.ListAsync(KindRef.SamplingPolicy, ns, null, ct).ConfigureAwait(false))
        {
            // An invalid policy reports itself in its own status; it must not break every pipeline that selects it.
            var (policy, errors) = CustomResourceReader.ReadValid<SamplingPolicy>(obj, Validators.Validate);
            if (policy is not null && errors.Count == 0) valid.Add(policy);
        }
        return valid;
    }

    /// <summary>A new config hash rolls every collector pod: worth an Event.</summary>
    private async Task ReportConfigChangeAsync(JsonObject obj, StatusDraft draft, CollectorConfigDocument config, CancellationToken ct)
    {
        var previous = JsonText.Of(draft.Live["configHash"]);
        if (previous is null || previous == config.Hash) return;
        await _client.RecordEventAsync(obj, EventType.Normal, "ConfigChanged", "Reconcile",
            $"collector config changed ({previous} → {config.Hash}); collector pods roll", ct).ConfigureAwait(false);
    }
}
