using System.Globalization;
using RumOperator.Api;

namespace RumOperator.Metrics;

/// <summary>
/// The collector's metric contract: names, labels and histogram buckets. The collector
/// exports exactly these; the SLO engine builds rules over exactly these.
/// </summary>
public static class RumMetrics
{
    public const string PageViews = "rum_page_views_total";
    public const string JsErrors = "rum_js_errors_total";
    public const string Sessions = "rum_sessions_total";
    public const string ErrorSessions = "rum_error_sessions_total";
    public const string Transactions = "rum_transactions_total";
    public const string TransactionDuration = "rum_transaction_duration_seconds";
    public const string ResourceRequests = "rum_resource_requests_total";
    public const string LongTask = "rum_longtask_seconds";
    public const string EventsReceived = "rum_events_received_total";
    public const string EventsDropped = "rum_events_dropped_total";
    public const string TraceCorrelated = "rum_trace_correlated_total";
    public const string Consent = "rum_consent_total";

    /// <summary>Labels the pipeline may put on every RUM metric.</summary>
    public static readonly IReadOnlyList<string> CommonLabels = [RumLabels.App, RumLabels.Route, RumLabels.Release, RumLabels.Device, RumLabels.Country, RumLabels.Browser, RumLabels.Os];

    /// <summary>The value a label takes once its distinct values are exhausted, or for an unmatched route.</summary>
    public const string Other = "__other__";

    public const string OutcomeOk = "ok";
    public const string OutcomeError = "error";
    public const string TransactionSuccess = "success";
    public const string TransactionFailure = "failure";

    /// <summary>A Core Web Vital's histogram and its default buckets, which contain the web-vitals thresholds.</summary>
    public sealed record Vital(VitalName Name, string Metric, bool IsDuration, double Good, double Poor, double[] Buckets);

    public static readonly IReadOnlyDictionary<VitalName, Vital> Vitals = new Dictionary<VitalName, Vital>
    {
        [VitalName.Lcp] = new(VitalName.Lcp, "rum_lcp_seconds", true, 2.5, 4, [0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15, 20, 30]),
        [VitalName.Fcp] = new(VitalName.Fcp, "rum_fcp_seconds", true, 1.8, 3, [0.25, 0.5, 1, 1.5, 1.8, 2, 2.5, 3, 4, 5, 6, 8, 10, 15, 20]),
        [VitalName.Inp] = new(VitalName.Inp, "rum_inp_seconds", true, 0.2, 0.5, [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5]),
        [VitalName.Ttfb] = new(VitalName.Ttfb, "rum_ttfb_seconds", true, 0.8, 1.8, [0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.5, 1.8, 2.5, 3, 5, 10]),
        [VitalName.Cls] = new(VitalName.Cls, "rum_cls", false, 0.1, 0.25, [0.01, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 0.75, 1, 2]),
    };

    public static readonly double[] TransactionDurationBuckets = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60];
    public static readonly double[] LongTaskBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2];

    public static Vital ForVital(VitalName name) => Vitals[name];

    public static string VitalKey(VitalName name) => name.ToString().ToLowerInvariant();

    /// <summary>The bucket boundaries of a vital for a pipeline: defaults plus the pipeline's extra buckets.</summary>
    public static double[] BucketsFor(VitalName name, MetricsSpec? metrics)
    {
        var vital = Vitals[name];
        var extra = metrics?.ExtraBuckets is { } map && map.TryGetValue(VitalKey(name), out var list) ? list : [];
        return vital.Buckets
            .Concat(extra.Select(e => TryParseVitalValue(vital, e, out var v) ? v : double.NaN).Where(v => !double.IsNaN(v)))
            .Distinct()
            .Order()
            .ToArray();
    }

    /// <summary>Reads a threshold in the vital's unit: durations for timings (2.5s, 200ms, or plain seconds), numbers for CLS.</summary>
    public static bool TryParseVitalValue(Vital vital, string text, out double value)
    {
        value = double.NaN;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!vital.IsDuration)
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && double.IsFinite(value);
        if (text.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            value = ms / 1000.0;
        else if (text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
            value = s;
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
            value = plain;
        value = Math.Round(value, 6);
        return value > 0 && double.IsFinite(value);
    }

    /// <summary>The text of a bucket's le label, as prometheus-net and Prometheus write it.</summary>
    public static string FormatLe(double boundary) => boundary.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats the buckets for an error message: "2.5s, 4s" or "0.1, 0.25".</summary>
    public static string Describe(Vital vital, IEnumerable<double> buckets) =>
        string.Join(", ", buckets.Select(b => vital.IsDuration ? FormatLe(b) + "s" : FormatLe(b)));
}
