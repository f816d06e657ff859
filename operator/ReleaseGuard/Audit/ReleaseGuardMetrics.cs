using Prometheus;

namespace RumOperator.ReleaseGuard;

/// <summary>The guard's Prometheus metrics: rollbacks by result and signals by what became of them.</summary>
public sealed class ReleaseGuardMetrics
{
    public ReleaseGuardMetrics(CollectorRegistry? registry = null)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry ?? Prometheus.Metrics.DefaultRegistry);
        Rollbacks = factory.CreateCounter("rum_operator_rollbacks_total",
            "Rollback verdicts acted on, by result (succeeded, failed, refused, dry_run).", ["result"]);
        Signals = factory.CreateCounter("rum_operator_release_guard_signals_total",
            "Burn signals by source (alertmanager, prometheus) and outcome (the decision's reason, or why the signal was dropped).", ["source", "outcome"]);
    }

    public Counter Rollbacks { get; }
    public Counter Signals { get; }

    public void Signal(string source, string outcome) => Signals.WithLabels(source, outcome).Inc();
}
