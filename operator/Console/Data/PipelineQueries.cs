using RumCollector.Metrics;
using RumOperator.Api;
using RumOperator.Metrics;
using RumOperator.PrometheusApi;
using RumOperator.Rendering.Pipeline;

namespace RumOperator.SloConsole.Data;

/// <summary>
/// The pipelines page's queries, over the collectors' own metrics, one per figure for every pipeline at once
/// (grouped by the namespace and job labels the ServiceMonitor's scrape gives each collector).
/// </summary>
public static class PipelineQueries
{
    public const string ReasonLabel = RumLabels.Reason;
    public const string SeriesUsedName = CollectorMetricNames.SeriesBudgetUsed;
    public const string SeriesMaxName = CollectorMetricNames.SeriesBudgetMax;

    /// <summary>Rates over two minutes: several scrapes even at a 30 s interval.</summary>
    private const string RateWindow = "2m";
    private const string By = "namespace, job";

    /// <summary>In this order: collectors up, events received/s, events dropped/s by reason, beacons rejected/s by reason, series budget.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        $"sum by ({By}) (up)",
        $"sum by ({By}) (rate({RumMetrics.EventsReceived}[{RateWindow}]))",
        $"sum by ({By}, {ReasonLabel}) (rate({RumMetrics.EventsDropped}[{RateWindow}])) > 0",
        $"sum by ({By}, {ReasonLabel}) (rate({CollectorMetricNames.BeaconsRejected}[{RateWindow}])) > 0",
        $"sum by (__name__, {By}) ({{__name__=~\"{SeriesUsedName}|{SeriesMaxName}\"}})",
    ];

    /// <summary>Whether a sample belongs to the pipeline's collectors.</summary>
    public static Func<PromSample, bool> Selects(RumPipeline pipeline)
    {
        var job = CollectorNames.Collector(pipeline.Name);
        return s => s.Labels.GetValueOrDefault("job") == job && s.Labels.GetValueOrDefault("namespace") == pipeline.Namespace;
    }
}
