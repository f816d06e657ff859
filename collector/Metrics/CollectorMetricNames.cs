namespace RumCollector.Metrics;

// Also compiled into the operator (its console reads these series): keep this file free of collector types.

/// <summary>Operational metrics of the collector itself, beside the RUM contract in RumMetrics.</summary>
public static class CollectorMetricNames
{
    /// <summary>Requests refused before their events could be counted (401, 403, 413, 415, 503, bytes rate limit).</summary>
    public const string BeaconsRejected = "rum_beacons_rejected_total";
    public const string ExportedEvents = "rum_exported_events_total";
    /// <summary>Label values evicted as least recently seen (their series removed from /metrics), by label.</summary>
    public const string LabelValuesEvicted = "rum_label_values_evicted_total";
    /// <summary>Beacons whose claimed sample rate was below the app's configured one: counted at the configured weight.</summary>
    public const string SampleRateBounded = "rum_sample_rate_bounded_total";

    /// <summary>Series charged against the pipeline's maxSeries, and that budget (gauges).</summary>
    public const string SeriesBudgetUsed = "rum_series_budget_used";
    public const string SeriesBudgetMax = "rum_series_budget_max";
}

/// <summary>The reason label of rum_events_dropped_total and rum_beacons_rejected_total.</summary>
public static class DropReason
{
    public const string UnknownType = "unknown_type";
    /// <summary>A Faro item with no RUM event to become (logs, spans, custom events and measurements).</summary>
    public const string NotMapped = "not_mapped";
    public const string Invalid = "invalid";
    public const string Bot = "bot";
    public const string ConsentDenied = "consent_denied";
    public const string ConsentUnknown = "consent_unknown";
    public const string RateLimited = "rate_limited";
    public const string ExportQueueFull = "export_queue_full";
    /// <summary>The export queue's byte bound (export.maxQueueBytes) refused the events.</summary>
    public const string ExportQueueBytes = "export_queue_bytes";
    public const string ExportFailed = "export_failed";
    public const string UnknownKey = "unknown_key";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string TooLarge = "too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Overloaded = "overloaded";
    /// <summary>More events of one type than ingest.maxEventsPerBeacon allows (400 naming the type).</summary>
    public const string OverBeaconCap = "over_beacon_cap";
    /// <summary>The client address's token bucket (ingest.clientRateLimit) could not cover the beacon's events.</summary>
    public const string ClientRateLimited = "client_rate_limited";
    /// <summary>The body did not arrive within the body-read timeout (408); the ingest slot is freed.</summary>
    public const string BodyTimeout = "body_timeout";
    /// <summary>A retry of a request already accepted (same key and Idempotency-Key): answered 202, not counted again.</summary>
    public const string Duplicate = "duplicate";
}
