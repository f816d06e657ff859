using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using RumOperator.Api;

namespace RumCollector.Ingest;

/// <summary>The answer of a token bucket: allowed, or refused with when to retry.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Per ingest key token buckets, one on events and one on bytes. Keys are known before a bucket is
/// made (unknown keys get 401 first), so the partitions are bounded by the Secret's keys.
/// </summary>
public sealed class KeyRateLimiter(RateLimitSpec spec, int maxBeaconBytes) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _events = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _bytes = new(StringComparer.Ordinal);

    public int EventBurst => Math.Max(1, spec.Burst);

    public RateDecision TryEvents(string key, int count) =>
        count == 0 ? new(true, TimeSpan.Zero) : Acquire(_events.GetOrAdd(key, _ => Bucket(spec.EventsPerSecondPerKey, EventBurst)), count);

    public RateDecision TryBytes(string key, int bytes)
    {
        if (spec.BytesPerSecondPerKey <= 0 || bytes == 0) return new(true, TimeSpan.Zero);
        // A burst of at least one full beacon, so a single maximal beacon is never refused forever.
        var bucket = _bytes.GetOrAdd(key, _ => Bucket(spec.BytesPerSecondPerKey, Math.Max(2 * spec.BytesPerSecondPerKey, maxBeaconBytes)));
        return Acquire(bucket, bytes);
    }

    private static RateDecision Acquire(TokenBucketRateLimiter bucket, int permits)
    {
        using var lease = bucket.AttemptAcquire(permits);
        if (lease.IsAcquired) return new(true, TimeSpan.Zero);
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return new(false, retry);
    }

    /// <summary>Refills up to ten times a second in equal parts, so a key is not starved for a whole second.</summary>
    private static TokenBucketRateLimiter Bucket(int perSecond, int burst)
    {
        var rate = Math.Max(1, perSecond);
        var periodsPerSecond = Math.Min(rate, 10);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = (int)Math.Ceiling((double)rate / periodsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / periodsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public void Dispose()
    {
        foreach (var bucket in _events.Values.Concat(_bytes.Values)) bucket.Dispose();
    }
}
