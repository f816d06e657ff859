namespace RumOperator.Rendering.Pipeline;

/// <summary>What rendering needs to know beyond the RumPipeline: operator flags and cluster discovery.</summary>
public sealed record PipelineRenderOptions
{
    /// <summary>The default of --collector-image (run, render, validate, dev).</summary>
    public const string DefaultCollectorImage = "ghcr.io/rumops/rum-collector:0.1.0";

    /// <summary>The operator's --collector-image, used when spec.collector.image is empty.</summary>
    public required string CollectorImage { get; init; }

    /// <summary>True when discovery found the monitoring.coreos.com CRDs (ServiceMonitor kind served).</summary>
    public bool ServiceMonitorAvailable { get; init; }

    /// <summary>The releases the pipeline's rollback targets run (metrics.liveReleases of the collector config).</summary>
    public IReadOnlyList<string> LiveReleases { get; init; } = [];
}
