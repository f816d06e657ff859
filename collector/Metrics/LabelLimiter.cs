using System.Collections.Concurrent;
using RumOperator.Metrics;

namespace RumCollector.Metrics;

/// <summary>
/// Keeps at most <c>max</c> distinct values of one label, least recently seen evicted first, so a new
/// value (a new release) always gets its own label value instead of the first values keeping theirs
/// forever. Pinned values (the releases the rollback targets run) are admitted beside the cap and never
/// evicted. The caller removes an evicted value's series (<see cref="Admit"/> returns it).
/// </summary>
public sealed class LabelLimiter(int max, IEnumerable<string>? pinned = null)
{
    private readonly ConcurrentDictionary<string, Recency> _admitted = new(StringComparer.Ordinal);
    private volatile HashSet<string> _pinned = new(pinned ?? [], StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _clock;

    public int Count => _admitted.Count;

    public bool Contains(string value) => value == RumMetrics.Other || _pinned.Contains(value) || _admitted.ContainsKey(value);

    /// <summary>The value itself (now the most recently seen); <paramref name="evicted"/> is the value it displaced, if any.</summary>
    public string Admit(string value, out string? evicted)
    {
        evicted = null;
        if (value == RumMetrics.Other || _pinned.Contains(value)) return value;
        if (_admitted.TryGetValue(value, out var known))
        {
            Touch(known);
            return value;
        }
        lock (_gate)
        {
            if (_admitted.TryGetValue(value, out known))
            {
                Touch(known);
                return value;
            }
            if (_admitted.Count >= max && LeastRecent() is { } oldest)
            {
                _admitted.TryRemove(oldest, out _);
                evicted = oldest;
            }
            _admitted[value] = new Recency(Interlocked.Increment(ref _clock));
            return value;
        }
    }

    /// <summary>
    /// Replaces the pinned values. A value no longer pinned becomes an ordinary one, the least recently
    /// seen of all, so it is the first to go when the cap needs room; returned are the values evicted now.
    /// </summary>
    public IReadOnlyList<string> Pin(IEnumerable<string> values)
    {
        lock (_gate)
        {
            var next = new HashSet<string>(values, StringComparer.Ordinal);
            foreach (var value in _pinned.Where(v => !next.Contains(v))) _admitted.TryAdd(value, new Recency(0));
            foreach (var value in next) _admitted.TryRemove(value, out _);
            _pinned = next;
            var evicted = new List<string>();
            while (_admitted.Count > max && LeastRecent() is { } oldest)
            {
                _admitted.TryRemove(oldest, out _);
                evicted.Add(oldest);
            }
            return evicted;
        }
    }

    /// <summary>
    /// Makes the value the most recently seen. When it already is (one app, the same device or browser beacon after
    /// beacon) the order would not change, so the shared clock is not incremented: an atomic write per label per
    /// beacon that both cores would fight over.
    /// </summary>
    private void Touch(Recency known)
    {
        if (known.Stamp == Volatile.Read(ref _clock)) return;
        known.Touch(Interlocked.Increment(ref _clock));
    }

    /// <summary>A scan, on the path of a new value only: caps are at most 100,000 values and usually 100.</summary>
    private string? LeastRecent()
    {
        string? oldest = null;
        var stamp = long.MaxValue;
        foreach (var (value, recency) in _admitted)
        {
            if (recency.Stamp >= stamp) continue;
            stamp = recency.Stamp;
            oldest = value;
        }
        return oldest;
    }

    private sealed class Recency(long stamp)
    {
        private long _stamp = stamp;
        public long Stamp => Volatile.Read(ref _stamp);
        public void Touch(long stamp) => Volatile.Write(ref _stamp, stamp);
    }
}
