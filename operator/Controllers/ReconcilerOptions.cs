using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Rendering.Dashboards;

namespace RumOperator.Controllers;

/// <summary>What the reconcilers take from the operator's flags, plus the clock and logging.</summary>
public sealed record ReconcilerOptions
{
    /// <summary>--collector-image: for pipelines whose spec.collector.image is empty.</summary>
    public required string CollectorImage { get; init; }

    /// <summary>How often an SLO's figures are read from Prometheus (with --prometheus-url).</summary>
    public TimeSpan PrometheusInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>lastEvaluated is refreshed at least this often even when the figures did not change (fewer status writes).</summary>
    public TimeSpan StatusHeartbeat { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How soon to look again for a missing pipeline or Prometheus Operator (watches usually come first).</summary>
    public TimeSpan DependencyRetry { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Dashboard and canary-analysis flags; each optional kind is rendered only where its CRD is served.</summary>
    public DashboardOptions Dashboards { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
