namespace RumOperator.Metrics;

/// <summary>
/// The label names of the collector's metrics (<see cref="RumMetrics"/>, <see cref="ErrorGroupMetrics"/> and the
/// collector's own counters): the collector writes them, the SLO engine, dashboards, console and release guard
/// read them. Nothing outside this folder spells a label name.
/// </summary>
public static class RumLabels
{
    // The common labels a pipeline may put on every RUM metric (RumMetrics.CommonLabels).
    public const string App = "app";
    public const string Route = "route";
    public const string Release = "release";
    public const string Device = "device";
    public const string Country = "country";
    public const string Browser = "browser";
    public const string Os = "os";

    /// <summary>ok/error on page views and resource requests, success/failure on transactions.</summary>
    public const string Outcome = "outcome";
    /// <summary>The error kind of rum_js_errors_total.</summary>
    public const string Kind = "kind";
    /// <summary>The transaction name of rum_transactions_total and rum_transaction_duration_seconds.</summary>
    public const string Name = "name";
    /// <summary>first/third on resource requests and long tasks.</summary>
    public const string Party = "party";
    /// <summary>A histogram bucket's upper bound (Prometheus).</summary>
    public const string Le = "le";
    /// <summary>The event type of rum_events_received_total; the error type of rum_error_group_info.</summary>
    public const string Type = "type";
    /// <summary>Why events were dropped or a beacon or source map refused.</summary>
    public const string Reason = "reason";
    /// <summary>The consent state of rum_consent_total.</summary>
    public const string State = "state";
    /// <summary>The sink of rum_exported_events_total.</summary>
    public const string Sink = "sink";
    /// <summary>The label whose value rum_label_values_evicted_total counts.</summary>
    public const string Label = "label";
    /// <summary>Where rum_sourcemap_loads_total loaded a map from (directory, download).</summary>
    public const string Source = "source";
    // The error-group labels (ErrorGroupMetrics).
    public const string Group = "group";
    public const string Message = "message";
    public const string Frame = "frame";
}
