using System.Text.Json;
using RumCollector.Ingest;
using RumCollector.Metrics;
using RumCollector.Sampling;
using RumOperator.CollectorConfig;
using RumOperator.Serialization;

namespace RumCollector.Config;

/// <summary>
/// Holds the current <see cref="CollectorState"/> and builds the next one on reload, reusing the
/// parts whose config did not change (metric registry, rate limiter buckets, adaptive rate) so a
/// reload neither resets counters nor refills every key's bucket.
/// </summary>
public sealed class StateHolder(TimeProvider time, ILogger<StateHolder> logger)
{
    private volatile CollectorState? _current;
    private readonly Lock _gate = new();

    public CollectorState? Current => _current;

    public bool Ready => _current is not null;

    public CollectorState Apply(ConfigSnapshot snapshot)
    {
        lock (_gate)
        {
            var previous = _current;
            var config = snapshot.Config;
            var metrics = previous is not null && WithoutLiveReleases(previous.Config.Metrics) == WithoutLiveReleases(config.Metrics)
                ? previous.Metrics
                : new RumMetricSet(config.Metrics);
            // Live releases change with every deploy of a rollback target: re-pinned in place, counters kept.
            metrics.PinReleases(config.Metrics.LiveReleases);
            var limiter = previous is not null && SameJson(previous.Config.Ingest.RateLimit, config.Ingest.RateLimit) && previous.Config.Ingest.MaxBeaconBytes == config.Ingest.MaxBeaconBytes
                ? previous.Limiter
                : new KeyRateLimiter(config.Ingest.RateLimit, config.Ingest.MaxBeaconBytes);
            var clients = previous is not null && SameJson(previous.Config.Ingest.ClientRateLimit, config.Ingest.ClientRateLimit)
                ? previous.Clients
                : new ClientRateLimiter(config.Ingest.ClientRateLimit, time);
            var adaptive = config.Sampling.Adaptive is null ? null
                : previous is not null && SameJson(previous.Config.Sampling.Adaptive, config.Sampling.Adaptive) && previous.Sampler.Adaptive is { } same
                    ? same
                    : new AdaptiveRate(config.Sampling.Adaptive, time);
            var next = new CollectorState(snapshot, metrics, limiter, clients, adaptive);
            _current = next;
            if (previous is not null && !ReferenceEquals(previous.Limiter, limiter)) previous.Limiter.Dispose();
            logger.LogInformation("Config applied from {Source}: pipeline {Pipeline}, {Apps} apps, {Keys} keys, metrics {MetricsState}",
                snapshot.Source, config.Pipeline, config.Apps.Count, snapshot.KeysByApp.Values.Sum(k => k.Count),
                ReferenceEquals(previous?.Metrics, metrics) ? "kept" : "built");
            return next;
        }
    }

    /// <summary>The metric config as JSON without the live releases, which never need a new registry.</summary>
    private static string WithoutLiveReleases(CollectorMetrics metrics)
    {
        var node = JsonSerializer.SerializeToNode(metrics, RumJson.Lenient)!.AsObject();
        node.Remove(JsonNamingPolicy.CamelCase.ConvertName(nameof(CollectorMetrics.LiveReleases)));
        return node.ToJsonString();
    }

    private static bool SameJson<T>(T a, T b) =>
        JsonSerializer.Serialize(a, RumJson.Lenient) == JsonSerializer.Serialize(b, RumJson.Lenient);
}
