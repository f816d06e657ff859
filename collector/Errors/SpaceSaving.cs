namespace RumCollector.Errors;

/// <summary>
/// The Space-Saving heavy-hitters sketch (Metwally, Agrawal, El Abbadi 2005): at most
/// <c>capacity</c> monitored keys; an unmonitored key replaces the one with the smallest count and
/// inherits that count as its error. Every key seen more than N/capacity times is monitored, and a
/// key's true count lies in [Count - Error, Count]. Memory is O(capacity) whatever arrives.
/// Not thread-safe: the caller holds a lock.
/// </summary>
public sealed class SpaceSaving(int capacity)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<Entry> _byCount = new(EntryOrder.Instance);
    private long _sequence;

    public int Capacity { get; } = Math.Max(1, capacity);
    public int Count => _entries.Count;

    /// <summary>Counts one occurrence; returns the key's estimate and the guaranteed part (Count - Error).</summary>
    public (long Estimate, long Guaranteed) Add(string key)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            _byCount.Remove(entry);
            entry = entry with { Count = entry.Count + 1, Sequence = ++_sequence };
        }
        else if (_entries.Count < Capacity)
        {
            entry = new Entry(key, 1, 0, ++_sequence);
        }
        else
        {
            var min = _byCount.Min!;
            _byCount.Remove(min);
            _entries.Remove(min.Key);
            entry = new Entry(key, min.Count + 1, min.Count, ++_sequence);
        }
        _entries[key] = entry;
        _byCount.Add(entry);
        return (entry.Count, entry.Count - entry.Error);
    }

    /// <summary>The estimate of a monitored key; 0 for a key the sketch no longer (or never) monitored.</summary>
    public long Estimate(string key) => _entries.TryGetValue(key, out var e) ? e.Count : 0;

    private sealed record Entry(string Key, long Count, long Error, long Sequence);

    /// <summary>By count, then by last update (the least recently counted of equal counts goes first), then key.</summary>
    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            var c = x!.Count.CompareTo(y!.Count);
            if (c != 0) return c;
            c = x.Sequence.CompareTo(y.Sequence);
            return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
