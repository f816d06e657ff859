using Prometheus;

namespace RumOperator.Runtime.Metrics;

/// <summary>The runtime's own Prometheus metrics. Pass a custom registry in tests so they do not share counters.</summary>
public sealed class RuntimeMetrics
{
    public RuntimeMetrics(CollectorRegistry? registry = null)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry ?? Prometheus.Metrics.DefaultRegistry);
        ReconcileTotal = factory.CreateCounter("rum_operator_reconcile_total", "Reconciliations by kind and result (success, requeue, error).", ["kind", "result"]);
        ReconcileDuration = factory.CreateHistogram("rum_operator_reconcile_duration_seconds", "Time spent in one reconciliation.", ["kind"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        ReconcileErrors = factory.CreateCounter("rum_operator_reconcile_errors_total", "Reconciliations that threw.", ["kind"]);
        WorkqueueDepth = factory.CreateGauge("rum_operator_workqueue_depth", "Keys waiting in the work queue.", ["kind"]);
        ApiRequests = factory.CreateCounter("rum_operator_api_requests_total", "Requests to the API server by verb, resource and HTTP code.", ["verb", "resource", "code"]);
    }

    public Counter ReconcileTotal { get; }
    public Histogram ReconcileDuration { get; }
    public Counter ReconcileErrors { get; }
    public Gauge WorkqueueDepth { get; }
    public Counter ApiRequests { get; }
}
