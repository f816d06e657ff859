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
        Evidence = factory.CreateCounter("rum_operator_release_guard_evidence_total",
            "Alerts re-evaluated through Prometheus before acting, by result (confirmed, no_evidence, unavailable).", ["result"]);
    }

    public Counter Rollbacks { get; }

    /// <summary>Alerts re-evaluated through Prometheus before acting: confirmed, no_evidence (not burning now) or unavailable.</summary>
    public Counter Evidence { get; }
    public Counter Signals { get; }

    public void Signal(string source, string outcome) => Signals.WithLabels(source, outcome).Inc();
}
