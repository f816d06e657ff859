using System.Threading.Channels;
using RumOperator.CollectorConfig;

namespace RumCollector.Errors.SourceMaps;

/// <summary>A script whose map the background resolver should load, with the settings in force when it was asked for.</summary>
public sealed record SourceMapRequest(string ScriptUrl, CollectorSourceMaps Settings);

/// <summary>
/// The source maps in memory, bounded by <see cref="CollectorSourceMaps.MaxCacheBytes"/> (least recently
/// used evicted first). The request path only reads it: a lookup that misses queues a load for the
/// background <see cref="SourceMapResolver"/> and returns at once, so the frame stays as sent this time.
/// Failures are remembered for <see cref="RetryAfter"/> so a missing map is not fetched for every error.
/// </summary>
public sealed class SourceMapStore(TimeProvider time)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);
    /// <summary>Loads waiting for the resolver; more are refused (counted) and asked for again on a later miss.</summary>
    public const int MaxQueued = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Channel<SourceMapRequest> _requests = Channel.CreateBounded<SourceMapRequest>(
        new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }); // Wait: TryWrite says false when full
    private long _bytes;

    private sealed record Entry(string Url, SourceMap? Map, long Bytes, DateTimeOffset RetryAt);

    public ChannelReader<SourceMapRequest> Requests => _requests.Reader;

    public long Bytes { get { lock (_gate) return _bytes; } }

    /// <summary>The cached map of a script, or null (then a load is queued unless one is pending or a failure is remembered).</summary>
    public SourceMap? TryGet(string scriptUrl, CollectorSourceMaps settings, SourceMapCounters counters)
    {
        var url = FramePath.StripQuery(scriptUrl);
        lock (_gate)
        {
            if (_entries.TryGetValue(url, out var node))
            {
                if (node.Value.Map is { } map)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    counters.Hits.Inc();
                    return map;
                }
                if (node.Value.RetryAt > time.GetUtcNow()) { counters.Misses.Inc(); return null; }
                Remove(node);
            }
            counters.Misses.Inc();
            if (_pending.Contains(url)) return null;
            if (!_requests.Writer.TryWrite(new SourceMapRequest(url, settings)))
            {
                counters.Failures.WithLabels(SourceMapFailure.QueueFull).Inc();
                return null;
            }
            _pending.Add(url);
            return null;
        }
    }

    /// <summary>Keeps a loaded map, evicting the least recently used until the cache fits; false when the map alone is too large.</summary>
    public bool Store(string scriptUrl, SourceMap map, long maxBytes)
    {
        lock (_gate)
        {
            _pending.Remove(scriptUrl);
            if (map.Bytes > maxBytes) { Remember(scriptUrl, null); return false; }
            Remember(scriptUrl, map);
            while (_bytes > maxBytes && _recency.Last is { } oldest) Remove(oldest);
            return true;
        }
    }

    /// <summary>Remembers that a script has no usable map until <see cref="RetryAfter"/> has passed.</summary>
    public void Fail(string scriptUrl)
    {
        lock (_gate)
        {
            _pending.Remove(scriptUrl);
            Remember(scriptUrl, null);
        }
    }

    private void Remember(string url, SourceMap? map)
    {
        if (_entries.TryGetValue(url, out var old)) Remove(old);
        var entry = new Entry(url, map, map?.Bytes ?? 0, time.GetUtcNow() + RetryAfter);
        _entries[url] = _recency.AddFirst(entry);
        _bytes += entry.Bytes;
        // Failures cost little each but are bounded too: the oldest go first.
        while (_entries.Count > MaxEntries && _recency.Last is { } oldest) Remove(oldest);
    }

    /// <summary>Scripts remembered (maps and failures); a bound on memory besides the bytes of the maps.</summary>
    public const int MaxEntries = 4096;

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Url);
        _bytes -= node.Value.Bytes;
    }
}
