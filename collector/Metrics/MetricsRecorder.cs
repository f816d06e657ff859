using RumCollector.Ingest;
using RumOperator.Metrics;

namespace RumCollector.Metrics;

/// <summary>
/// Maps accepted events onto the contract metrics, weighted by 1/sampleRate. Beacon times are in
/// milliseconds; durations are exported in seconds, CLS as is.
/// </summary>
public static class MetricsRecorder
{
    public static void Record(RumMetricSet m, string[] common, Weight weight, IReadOnlyList<RumEvent> events, bool traceCorrelated, Random random)
    {
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case EventType.SessionStart:
                    m.Child(m.Sessions, common).Inc(weight.Value);
                    break;
                case EventType.PageView:
                    m.Child(m.PageViews, common, PageOutcome(e)).Inc(weight.Value);
                    if (traceCorrelated) m.Child(m.TraceCorrelated, common).Inc(weight.Value);
                    break;
                case EventType.Vital when e.Vital is { } name && e.Value is { } value:
                    var vital = RumMetrics.ForVital(name);
                    m.Child(m.Vitals[name], common).Observe(vital.IsDuration ? value / 1000.0 : value, weight.ForHistogram(random));
                    break;
                case EventType.Error:
                    m.Child(m.JsErrors, common, e.Kind ?? "js").Inc(weight.Value);
                    if (e.FirstInSession) m.Child(m.ErrorSessions, common).Inc(weight.Value);
                    break;
                case EventType.Resource:
                    m.Child(m.ResourceRequests, common, e.Party ?? "first", ResourceOutcome(e)).Inc(weight.Value);
                    break;
                case EventType.LongTask when e.Duration is { } duration:
                    m.Child(m.LongTasks, common, e.Party ?? "first").Observe(duration / 1000.0, weight.ForHistogram(random));
                    break;
                case EventType.Transaction when e.Name is { } txName && e.Outcome is { } outcome:
                    var name2 = m.TransactionName(txName);
                    m.Child(m.Transactions, common, name2, outcome).Inc(weight.Value);
                    if (e.Duration is { } d) m.Child(m.TransactionDuration, common, name2).Observe(d / 1000.0, weight.ForHistogram(random));
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
