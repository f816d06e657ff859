using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.PrometheusApi;
using RumOperator.Rendering.Dashboards;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Slo;
using RumOperator.Validation;
using Condition = RumOperator.Runtime.Status.Condition;
using ConditionTypes = RumOperator.Api.ConditionTypes;

namespace RumOperator.Controllers;

/// <summary>
/// RumSLO → its PrometheusRule (from the SLO engine, checked against its pipeline) and status: rule counts and,
/// with a Prometheus to ask, the current SLI, error budget and burn rates. Status fields the release guard owns
/// (rollbacks, lastKnownGoodRelease) are never written here.
/// </summary>
public sealed class RumSloReconciler : IReconciler
{
    public const string RulesApplied = "RulesApplied";
    public const string PipelineNotFound = "PipelineNotFound";
    public const string PrometheusOperatorMissing = "PrometheusOperatorMissing";

    private readonly IClusterClient _client;
    private readonly IObjectReader _reader;
    private readonly ReconcilerOptions _options;
    private readonly IPrometheusQuery? _prometheus;
    private readonly OwnedObjectSync _sync;
    private readonly StatusWriter _status;
    private readonly ILogger _logger;

    /// <param name="prometheus">null without --prometheus-url: no figures are read and none are touched.</param>
    public RumSloReconciler(IClusterClient client, IObjectReader reader, ReconcilerOptions options, IPrometheusQuery? prometheus = null)
    {
        _client = client;
        _reader = reader;
        _options = options;
        _prometheus = prometheus;
        _logger = options.LoggerFactory.CreateLogger<RumSloReconciler>();
        _sync = new OwnedObjectSync(client, reader, _logger);
        _status = new StatusWriter(client);
    }

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var ns = key.Namespace ?? "default";
        var obj = await _reader.GetAsync(KindRef.RumSlo, ns, key.Name, ct).ConfigureAwait(false);
        if (obj is null || ObjectMeta.IsBeingDeleted(obj)) return ReconcileResult.Done;

        var generation = ObjectMeta.Generation(obj);
        var draft = new StatusDraft(obj, _options.Time.GetUtcNow());
        var (slo, errors) = CustomResourceReader.ReadValid<RumSlo>(obj, Validators.Validate);
        if (slo is null || errors.Count > 0) return await InvalidAsync(obj, draft, errors, generation, ct).ConfigureAwait(false);
        draft.Set("sliKind", slo.Spec.Sli.Kind);

        var pipelineObj = await _reader.GetAsync(KindRef.RumPipeline, ns, slo.Spec.PipelineRef.Name, ct).ConfigureAwait(false);
        var pipeline = pipelineObj is null ? null : CustomResourceReader.Read<RumPipeline>(pipelineObj).Resource;
        if (pipeline is null)
        {
            draft.Set("observedGeneration", generation);
            SetQuiet(draft, generation);
            await _status.WriteAsync(obj, draft, Condition.False(ConditionTypes.Ready, PipelineNotFound,
                $"spec.pipelineRef.name: RumPipeline {ns}/{slo.Spec.PipelineRef.Name} does not exist (or cannot be read); rules are checked against it", generation), ct).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(_options.DependencyRetry);
        }

        var owner = new Owner(ObjectMeta.ApiVersion(obj)!, ObjectMeta.Kind(obj)!, slo.Name, ObjectMeta.Uid(obj) ?? "");
        var result = SloEngine.Render(slo, pipeline, owner);
        if (!result.Ok) return await InvalidAsync(obj, draft, result.Errors, generation, ct).ConfigureAwait(false);
        draft.Set("observedGeneration", generation);
        draft.Set("recordingRules", result.RecordingRules);
        draft.Set("alertingRules", result.AlertingRules);

        if (!await _client.IsServedAsync(KindRef.PrometheusRule, ct).ConfigureAwait(false))
        {
            SetQuiet(draft, generation);
            await _status.WriteAsync(obj, draft, Condition.False(ConditionTypes.Ready, PrometheusOperatorMissing,
                "monitoring.coreos.com/v1 prometheusrules is not served: install the Prometheus Operator CRDs, or render the rules with `rum-operator render`", generation), ct).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(_options.DependencyRetry);
        }

        var served = await ServedAsync(ct).ConfigureAwait(false);
        var dashboards = _options.Dashboards with
        {
            GrafanaInstanceSelector = served.GrafanaDashboards ? _options.Dashboards.GrafanaInstanceSelector : null,
            AnalysisTemplates = _options.Dashboards.AnalysisTemplates && served.AnalysisTemplates,
            MetricTemplates = _options.Dashboards.MetricTemplates && served.MetricTemplates,
        };
        var desired = DashboardRenderer.ForSlo(slo, result, dashboards, owner).Prepend(result.PrometheusRule!).ToList();
        await _sync.ApplyAsync(desired, ct).ConfigureAwait(false);
        var pruned = await _sync.PruneAsync(owner, ns, KindRef.SloOwned.Where(served.Serves), desired.Select(d => d.Key).ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        foreach (var gone in pruned)
            await _client.RecordEventAsync(obj, EventType.Normal, "Deleted", "Prune", $"deleted {gone}: no longer rendered for this SLO", ct).ConfigureAwait(false);
        SetQuiet(draft, generation);
        if (_prometheus is not null) await ReadFiguresAsync(slo, result.Plan!, draft, ct).ConfigureAwait(false);
        await _status.WriteAsync(obj, draft, Condition.True(ConditionTypes.Ready, RulesApplied,
            $"PrometheusRule {result.PrometheusRule!.Name}: {result.RecordingRules} recording and {result.AlertingRules} alerting rules", generation), ct).ConfigureAwait(false);
        return _prometheus is null ? ReconcileResult.Done : ReconcileResult.RequeueAfter(_options.PrometheusInterval);
    }

    /// <summary>The optional kinds an SLO renders that this cluster serves (the PrometheusRule is checked before).</summary>
    private async Task<ServedCrds> ServedAsync(CancellationToken ct) => new(
        ServiceMonitors: false,
        PrometheusRules: true,
        GrafanaDashboards: _options.Dashboards.GrafanaDashboards && await _client.IsServedAsync(KindRef.GrafanaDashboard, ct).ConfigureAwait(false),
        AnalysisTemplates: _options.Dashboards.AnalysisTemplates && await _client.IsServedAsync(KindRef.AnalysisTemplate, ct).ConfigureAwait(false),
        MetricTemplates: _options.Dashboards.MetricTemplates && await _client.IsServedAsync(KindRef.MetricTemplate, ct).ConfigureAwait(false));

    private async Task<ReconcileResult> InvalidAsync(JsonObject obj, StatusDraft draft, IReadOnlyList<FieldError> errors, long generation, CancellationToken ct)
    {
        // The last good PrometheusRule stays: a typo must not silence the alerts that were working.
        _logger.LogWarning("RumSLO {Namespace}/{Name} is invalid: {Errors}", ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), string.Join("; ", errors));
        await _status.WriteAsync(obj, draft, Verdicts.MarkInvalid(draft, errors, generation), ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private static void SetQuiet(StatusDraft draft, long generation)
    {
        draft.SetCondition(Condition.False(ConditionTypes.Progressing, "Settled", "", generation));
        draft.SetCondition(Condition.False(ConditionTypes.Degraded, Verdicts.AsExpected, "", generation));
    }

    /// <summary>Fills currentSli, errorBudgetRemaining, burnRates and lastEvaluated; a failed query leaves them as they were.</summary>
    private async Task ReadFiguresAsync(RumSlo slo, AlertWindowPlan plan, StatusDraft draft, CancellationToken ct)
    {
        SloFigures figures;
        try
        {
            figures = SloFigures.From(await _prometheus!.QueryAsync(SloFigures.Query(slo, plan), ct).ConfigureAwait(false), plan);
        }
        catch (PrometheusQueryException e)
        {
            _logger.LogWarning(e, "Could not read figures of RumSLO {Namespace}/{Name} from Prometheus", slo.Namespace, slo.Name);
            return;
        }
        var burnRates = new JsonObject(figures.BurnRates.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        draft.Set("currentSli", figures.CurrentSli);
        draft.Set("errorBudgetRemaining", figures.ErrorBudgetRemaining);
        draft.Set("burnRates", figures.BurnRates.Count == 0 ? null : burnRates);
        // Figures that did not change need no write until the heartbeat says lastEvaluated is getting old.
        var now = _options.Time.GetUtcNow();
        var last = DateTimeOffset.TryParse(JsonText.Of(draft.Live["lastEvaluated"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;
        if (FiguresChanged(draft) || last is null || now - last >= _options.StatusHeartbeat)
            draft.Set("lastEvaluated", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static bool FiguresChanged(StatusDraft draft) =>
        draft.Patch is { } patch && (patch.ContainsKey("currentSli") || patch.ContainsKey("errorBudgetRemaining") || patch.ContainsKey("burnRates"));
}
