using Prometheus;
using RumCollector.Ingest;
using RumOperator.Metrics;

namespace RumCollector.Metrics;

/// <summary>
/// Maps accepted events onto the contract metrics, weighted by 1/sampleRate. Beacon times are in
/// milliseconds; durations are exported in seconds, CLS as is.
/// </summary>
public static class MetricsRecorder
{
    public static void Record(RumMetricSet m, string[] common, Weight weight, IReadOnlyList<RumEvent> events, bool traceCorrelated, Random random) =>
        Record(m, m.Series(common), weight, events, traceCorrelated, random);

    public static void Record(RumMetricSet m, CommonSeries series, Weight weight, IReadOnlyList<RumEvent> events, bool traceCorrelated, Random random)
    {
        var counts = t_counts ??= new BeaconCounts();
        try
        {
            foreach (var e in events) Record(m, series, weight, e, traceCorrelated, random, counts);
        }
        finally
        {
            counts.Flush();
        }
    }

    private static void Record(RumMetricSet m, CommonSeries series, Weight weight, RumEvent e, bool traceCorrelated, Random random, BeaconCounts counts)
    {
        switch (e.Type)
        {
            case EventType.SessionStart:
                counts.Add(series.Counter(m.Sessions), weight.Value);
                break;
            case EventType.PageView:
                counts.Add(series.Counter(m.PageViews, PageOutcome(e)), weight.Value);
                if (traceCorrelated) counts.Add(series.Counter(m.TraceCorrelated), weight.Value);
                break;
            case EventType.Vital when e.Vital is { } name && e.Value is { } value:
                var vital = RumMetrics.ForVital(name);
                series.Histogram(m.Vitals[name]).Observe(vital.IsDuration ? value / 1000.0 : value, weight.ForHistogram(random));
                break;
            case EventType.Error:
                counts.Add(series.Counter(m.JsErrors, e.Kind ?? "js"), weight.Value);
                if (e.FirstInSession) counts.Add(series.Counter(m.ErrorSessions), weight.Value);
                break;
            case EventType.Resource:
                counts.Add(series.Counter(m.ResourceRequests, e.Party ?? "first", ResourceOutcome(e)), weight.Value);
                break;
            case EventType.LongTask when e.Duration is { } duration:
                series.Histogram(m.LongTasks, e.Party ?? "first").Observe(duration / 1000.0, weight.ForHistogram(random));
                break;
            case EventType.Transaction when e.Name is { } txName && e.Outcome is { } outcome:
                var name2 = m.TransactionName(txName);
                counts.Add(series.Counter(m.Transactions, name2, outcome), weight.Value);
                if (e.Duration is { } d) series.Histogram(m.TransactionDuration, name2).Observe(d / 1000.0, weight.ForHistogram(random));
                break;
        }
    }

    [ThreadStatic] private static BeaconCounts? t_counts;

    /// <summary>
    /// A beacon's counter increments summed per child, so each child is written once per beacon rather than once
    /// per event: ten resources of one party and outcome are one atomic add, not ten that both cores contend for.
    /// </summary>
    private sealed class BeaconCounts
    {
        private const int Capacity = 16;
        private readonly Counter.Child[] _children = new Counter.Child[Capacity];
        private readonly double[] _sums = new double[Capacity];
        private int _count;

        public void Add(Counter.Child child, double amount)
        {
            for (var i = 0; i < _count; i++)
                if (ReferenceEquals(_children[i], child))
                {
                    _sums[i] += amount;
                    return;
                }
            if (_count == Capacity)
            {
                child.Inc(amount);
                return;
            }
            _children[_count] = child;
            _sums[_count++] = amount;
        }

        /// <summary>Writes the sums and forgets the children (an evicted series must not stay referenced).</summary>
        public void Flush()
        {
            for (var i = 0; i < _count; i++) _children[i].Inc(_sums[i]);
            Array.Clear(_children, 0, _count);
            _count = 0;
        }
    }

    /// <summary>The SDK's outcome when it sent one, else an HTTP error status makes the view an error.</summary>
    public static string PageOutcome(RumEvent e) =>
        e.Outcome ?? (e.Status >= 400 ? RumMetrics.OutcomeError : RumMetrics.OutcomeOk);

    /// <summary>Status 0 (blocked, network failure, opaque) and 4xx/5xx are errors; no status means not known to fail.</summary>
    public static string ResourceOutcome(RumEvent e) =>
        e.Status is { } s && (s == 0 || s >= 400) ? RumMetrics.OutcomeError : RumMetrics.OutcomeOk;
}
