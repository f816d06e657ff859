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
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case EventType.SessionStart:
                    series.Counter(m.Sessions).Inc(weight.Value);
                    break;
                case EventType.PageView:
                    series.Counter(m.PageViews, PageOutcome(e)).Inc(weight.Value);
                    if (traceCorrelated) series.Counter(m.TraceCorrelated).Inc(weight.Value);
                    break;
                case EventType.Vital when e.Vital is { } name && e.Value is { } value:
                    var vital = RumMetrics.ForVital(name);
                    series.Histogram(m.Vitals[name]).Observe(vital.IsDuration ? value / 1000.0 : value, weight.ForHistogram(random));
                    break;
                case EventType.Error:
                    series.Counter(m.JsErrors, e.Kind ?? "js").Inc(weight.Value);
                    if (e.FirstInSession) series.Counter(m.ErrorSessions).Inc(weight.Value);
                    break;
                case EventType.Resource:
                    series.Counter(m.ResourceRequests, e.Party ?? "first", ResourceOutcome(e)).Inc(weight.Value);
                    break;
                case EventType.LongTask when e.Duration is { } duration:
                    series.Histogram(m.LongTasks, e.Party ?? "first").Observe(duration / 1000.0, weight.ForHistogram(random));
                    break;
                case EventType.Transaction when e.Name is { } txName && e.Outcome is { } outcome:
                    var name2 = m.TransactionName(txName);
                    series.Counter(m.Transactions, name2, outcome).Inc(weight.Value);
                    if (e.Duration is { } d) series.Histogram(m.TransactionDuration, name2).Observe(d / 1000.0, weight.ForHistogram(random));
                    break;
            }
        }
    }

    /// <summary>The SDK's outcome when it sent one, else an HTTP error status makes the view an error.</summary>
    public static string PageOutcome(RumEvent e) =>
        e.Outcome ?? (e.Status >= 400 ? RumMetrics.OutcomeError : RumMetrics.OutcomeOk);

    /// <summary>Status 0 (blocked, network failure, opaque) and 4xx/5xx are errors; no status means not known to fail.</summary>
    public static string ResourceOutcome(RumEvent e) =>
        e.Status is { } s && (s == 0 || s >= 400) ? RumMetrics.OutcomeError : RumMetrics.OutcomeOk;
}
