using Prometheus;
using RumOperator.Metrics;
using static RumOperator.Metrics.ErrorGroupMetrics;

namespace RumCollector.Errors.SourceMaps;

/// <summary>The source map cache's own metrics (docs/errors.md), in the collector's registry.</summary>
public sealed class SourceMapCounters(MetricFactory factory)
{
    /// <summary>Frame lookups answered from the cache.</summary>
    public Counter Hits { get; } = factory.CreateCounter(SourceMapHits, "Stack frame lookups that found their source map in the cache.");

    /// <summary>Frame lookups that found no map (not loaded yet, or a failure remembered): the frame stays as sent.</summary>
    public Counter Misses { get; } = factory.CreateCounter(SourceMapMisses, "Stack frame lookups without a cached source map; the frame stays unsymbolicated.");

    public Counter Loads { get; } = factory.CreateCounter(SourceMapLoads, "Source maps loaded into the cache, by source (directory, download).", RumLabels.Source);

    public Counter Failures { get; } = factory.CreateCounter(SourceMapFailures, "Source maps that could not be loaded, by reason.", RumLabels.Reason);
}

/// <summary>The reason label of rum_sourcemap_failures_total.</summary>
public static class SourceMapFailure
{
    public const string NotFound = "not_found";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string NoReference = "no_reference";
    public const string HttpError = "http_error";
    public const string Timeout = "timeout";
    public const string TooLarge = "too_large";
    public const string Invalid = "invalid";
    public const string QueueFull = "queue_full";
}

/// <summary>A load that failed for a counted reason; the message says what happened, for the log.</summary>
public sealed class SourceMapLoadException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
