using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.PrometheusApi;
using RumOperator.Rendering.Dashboards;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Validation;

namespace RumOperator.Controllers;

/// <summary>
/// RumSLO → its PrometheusRule (from the SLO engine, checked against its pipeline) and status: rule counts and,
/// with a Prometheus to ask, the current SLI, error budget and burn rates. Status fields the release guard owns
/// (rollbacks, lastKnownGoodRelease) are never written here.
/// </summary>
public sealed class RumSloReconciler : CustomResourceReconciler<RumSlo, RumSloStatus>
{
    public const string RulesApplied = "RulesApplied";
    public const string PipelineNotFound = "PipelineNotFound";
    public const string PrometheusOperatorMissing = "PrometheusOperatorMissing";

    private readonly IPrometheusQuery? _prometheus;
    private readonly OwnedObjectSync _sync;

    /// <param name="prometheus">null without --prometheus-url: no figures are read and none are touched.</param>
    public RumSloReconciler(IClusterClient client, IObjectReader reader, ReconcilerOptions options, IPrometheusQuery? prometheus = null)
        : base(KindRef.RumSlo, client, reader, options, options.LoggerFactory.CreateLogger<RumSloReconciler>())
    {
        _prometheus = prometheus;
        _sync = new OwnedObjectSync(client, reader, Logger);
    }

    protected override IReadOnlyList<FieldError> Validate(RumSlo resource) => Validators.Validate(resource);

    protected override async Task<ReconcileResult> ReconcileAsync(RumSlo slo, Reconciling<RumSloStatus> state, CancellationToken ct)
    {
        var (obj, ns, generation, draft) = state;
        draft.Set(s => s.SliKind, slo.Spec.Sli.Kind);

        var pipelineObj = await Reader.GetAsync(KindRef.RumPipeline, ns, slo.Spec.PipelineRef.Name, ct).ConfigureAwait(false);
        var pipeline = pipelineObj is null ? null : ResourceJson.Read<RumPipeline>(pipelineObj, Strictness.Lenient, ignoreStatus: true).Resource;
        if (pipeline is null)
        {
            draft.Set(s => s.ObservedGeneration, generation);
            SetQuiet(draft, generation);
            await Status.WriteAsync(obj, draft, Condition.False(ConditionTypes.Ready, PipelineNotFound,
                $"spec.pipelineRef.name: RumPipeline {ns}/{slo.Spec.PipelineRef.Name} does not exist (or cannot be read); rules are checked against it", generation), ct).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(Options.DependencyRetry);
        }

        var owner = new Owner(ObjectMeta.ApiVersion(obj)!, ObjectMeta.Kind(obj)!, slo.Name, ObjectMeta.Uid(obj) ?? "");
        var result = SloEngine.Render(slo, pipeline, owner);
        if (!result.Ok) return await InvalidAsync(state, result.Errors, ct).ConfigureAwait(false);
        draft.Set(s => s.ObservedGeneration, generation);
        draft.Set(s => s.RecordingRules, result.RecordingRules);
        draft.Set(s => s.AlertingRules, result.AlertingRules);

        if (!await Client.IsServedAsync(KindRef.PrometheusRule, ct).ConfigureAwait(false))
        {
            SetQuiet(draft, generation);
            await Status.WriteAsync(obj, draft, Condition.False(ConditionTypes.Ready, PrometheusOperatorMissing,
                "monitoring.coreos.com/v1 prometheusrules is not served: install the Prometheus Operator CRDs, or render the rules with `rum-operator render`", generation), ct).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(Options.DependencyRetry);
        }

        var served = await ServedAsync(ct).ConfigureAwait(false);
        var dashboards = Options.Dashboards with
        {
            GrafanaInstanceSelector = served.GrafanaDashboards ? Options.Dashboards.GrafanaInstanceSelector : null,
            AnalysisTemplates = Options.Dashboards.AnalysisTemplates && served.AnalysisTemplates,
            MetricTemplates = Options.Dashboards.MetricTemplates && served.MetricTemplates,
        };
        var desired = DashboardRenderer.ForSlo(slo, result, dashboards, owner).Prepend(result.PrometheusRule!).ToList();
        await _sync.ApplyAsync(desired, ct).ConfigureAwait(false);
        var pruned = await _sync.PruneAsync(owner, ns, KindRef.SloOwned.Where(served.Serves), desired.Select(d => d.Key).ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        foreach (var gone in pruned)
            await Client.RecordEventAsync(obj, EventType.Normal, "Deleted", "Prune", $"deleted {gone}: no longer rendered for this SLO", ct).ConfigureAwait(false);
        SetQuiet(draft, generation);
        if (_prometheus is not null) await ReadFiguresAsync(slo, result.Plan!, draft, ct).ConfigureAwait(false);
        await Status.WriteAsync(obj, draft, Condition.True(ConditionTypes.Ready, RulesApplied,
            $"PrometheusRule {result.PrometheusRule!.Name}: {result.RecordingRules} recording and {result.AlertingRules} alerting rules", generation), ct).ConfigureAwait(false);
        return _prometheus is null ? ReconcileResult.Done : ReconcileResult.RequeueAfter(Options.PrometheusInterval);
    }

    /// <summary>The optional kinds an SLO renders that this cluster serves (the PrometheusRule is checked before).</summary>
    private async Task<ServedCrds> ServedAsync(CancellationToken ct) => new(
        ServiceMonitors: false,
        PrometheusRules: true,
        GrafanaDashboards: Options.Dashboards.GrafanaDashboards && await Client.IsServedAsync(KindRef.GrafanaDashboard, ct).ConfigureAwait(false),
        AnalysisTemplates: Options.Dashboards.AnalysisTemplates && await Client.IsServedAsync(KindRef.AnalysisTemplate, ct).ConfigureAwait(false),
        MetricTemplates: Options.Dashboards.MetricTemplates && await Client.IsServedAsync(KindRef.MetricTemplate, ct).ConfigureAwait(false));

    private static void SetQuiet(StatusDraft<RumSloStatus> draft, long generation)
    {
        draft.SetCondition(Condition.False(ConditionTypes.Progressing, "Settled", "", generation));
        draft.SetCondition(Condition.False(ConditionTypes.Degraded, Verdicts.AsExpected, "", generation));
    }

    /// <summary>Fills currentSli, errorBudgetRemaining, burnRates and lastEvaluated; a failed query leaves them as they were.</summary>
    private async Task ReadFiguresAsync(RumSlo slo, AlertWindowPlan plan, StatusDraft<RumSloStatus> draft, CancellationToken ct)
    {
        SloFigures figures;
        try
        {
            figures = SloFigures.From(await _prometheus!.QueryAsync(SloFigures.Query(slo, plan), ct).ConfigureAwait(false), plan);
        }
        catch (PrometheusQueryException e)
        {
            Logger.LogWarning(e, "Could not read figures of RumSLO {Namespace}/{Name} from Prometheus", slo.Namespace, slo.Name);
            return;
        }
        draft.Set(s => s.CurrentSli, figures.CurrentSli);
        draft.Set(s => s.ErrorBudgetRemaining, figures.ErrorBudgetRemaining);
        draft.Set(s => s.BurnRates, figures.BurnRates.Count == 0 ? null : new Dictionary<string, string>(figures.BurnRates));
        // Figures that did not change need no write until the heartbeat says lastEvaluated is getting old.
        var now = Options.Time.GetUtcNow();
        var last = draft.Was(s => s.LastEvaluated) is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        if (FiguresChanged(draft) || last is null || now - last >= Options.StatusHeartbeat)
            draft.Set(s => s.LastEvaluated, WholeSeconds(now));
    }

    private static bool FiguresChanged(StatusDraft<RumSloStatus> draft) =>
        draft.Changes(s => s.CurrentSli) || draft.Changes(s => s.ErrorBudgetRemaining) || draft.Changes(s => s.BurnRates);

    /// <summary>Status times are written to the second (2025-03-01T12:00:00Z), like the conditions' lastTransitionTime.</summary>
    private static DateTime WholeSeconds(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
