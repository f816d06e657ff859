using RumOperator.PrometheusApi;

namespace RumOperator.SloConsole.Data;

/// <summary>What a query gave: its value, or why there is none (Prometheus down, a bad answer).</summary>
public sealed record QueryResult<T>(T Value, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// Prometheus behind a short-lived cache: the same query within <see cref="Ttl"/> is answered from memory, and
/// concurrent page views share one request. Pages issue a fixed set of queries whatever the number of SLOs, so a
/// page view costs at most that set once per TTL. Range queries end on a step boundary so their keys repeat.
/// Failures are cached too, so a Prometheus outage is not hammered by refreshing browsers.
/// </summary>
public sealed class QueryCache(IPrometheusQuery? instant, IPrometheusRangeQuery? range, TimeProvider time, TimeSpan ttl)
{
    /// <summary>Keys come from the SLOs in the cache; the cap only guards memory if that set is huge.</summary>
    public const int MaxEntries = 2048;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _issued;

    public TimeSpan Ttl => ttl;

    /// <summary>Queries sent to Prometheus so far (a cache miss each).</summary>
    public long Issued { get { lock (_gate) return _issued; } }

    public bool Configured => instant is not null;

    public Task<QueryResult<IReadOnlyList<PromSample>>> InstantAsync(string promql, CancellationToken ct) =>
        GetAsync<IReadOnlyList<PromSample>>("i\n" + promql, [], ct, async () =>
            instant is null ? throw new PrometheusQueryException("no --prometheus-url") : await instant.QueryAsync(promql, CancellationToken.None).ConfigureAwait(false));

    /// <summary>The last <paramref name="span"/> up to now, every <paramref name="step"/>.</summary>
    public Task<QueryResult<IReadOnlyList<PromSeries>>> RangeAsync(string promql, TimeSpan span, TimeSpan step, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % step.Ticks, TimeSpan.Zero);
        var start = end - span;
        return GetAsync<IReadOnlyList<PromSeries>>($"r\n{start.ToUnixTimeSeconds()}\n{step.Ticks}\n{promql}", [], ct, async () =>
            range is null ? throw new PrometheusQueryException("no --prometheus-url") : await range.QueryRangeAsync(promql, start, end, step, CancellationToken.None).ConfigureAwait(false));
    }

    /// <summary>The fetch runs without the page's token: other views may be waiting on it, and the HTTP client has its own timeout.</summary>
    private async Task<QueryResult<T>> GetAsync<T>(string key, T empty, CancellationToken ct, Func<Task<T>> fetch)
    {
        var now = time.GetUtcNow();
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!) || now - entry.At >= ttl)
            {
                if (_entries.Count >= MaxEntries) Trim(now);
                _issued++;
                _entries[key] = entry = new Entry(now, Box(fetch));
            }
        }
        try { return new QueryResult<T>((T)await entry.Result.WaitAsync(ct).ConfigureAwait(false), null); }
        catch (Exception e) when (e is PrometheusQueryException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new QueryResult<T>(empty, e.Message);
        }
    }

    private static async Task<object> Box<T>(Func<Task<T>> fetch) => (await fetch().ConfigureAwait(false))!;

    private void Trim(DateTimeOffset now)
    {
        foreach (var key in _entries.Where(e => now - e.Value.At >= ttl).Select(e => e.Key).ToList()) _entries.Remove(key);
        // Still too many fresh entries: drop everything rather than grow; the next views refill it.
        if (_entries.Count > MaxEntries) _entries.Clear();
    }

    private sealed record Entry(DateTimeOffset At, Task<object> Result);
}
