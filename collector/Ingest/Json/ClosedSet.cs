using System.Text;

namespace RumCollector.Ingest.Json;

/// <summary>
/// A closed set of strings (an enum-like field's values, an object's property names), as strings (the values handed
/// out) and as UTF-8, matched against raw body bytes without decoding them.
/// </summary>
public sealed class ClosedSet
{
    /// <summary>
    /// The first value in each slot by a hash of its length and first, middle and last bytes, with the multiplier
    /// chosen so that values rarely share a slot (those that do are chained through <see cref="_next"/>): a lookup
    /// is one hash and usually one comparison. It runs for every property and enum value of every event.
    /// </summary>
    private readonly int[] _slots;
    private readonly int[] _next;
    private readonly uint _multiplier;

    public ClosedSet(params string[] values)
    {
        Values = values;
        Utf8 = values.Select(Encoding.UTF8.GetBytes).ToArray();
        MaxLength = Utf8.Length == 0 ? 0 : Utf8.Max(v => v.Length);
        Description = string.Join(", ", values);
        var size = 16;
        while (size < 4 * Utf8.Length) size *= 2;
        (_slots, _next, _multiplier) = Enumerable.Range(0, 32).Select(m => Place(size, 2u * (uint)m + 1)).MinBy(p => p.Collisions).Table;
    }

    public string[] Values { get; }
    public byte[][] Utf8 { get; }
    /// <summary>The longest value in UTF-8 bytes.</summary>
    public int MaxLength { get; }
    public string Description { get; }

    /// <summary>The index of the value these UTF-8 bytes spell (the first, if listed twice), or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength) return -1;
        for (var i = _slots[Hash(utf8, _multiplier) & (uint)(_slots.Length - 1)]; i >= 0; i = _next[i])
            if (utf8.SequenceEqual(Utf8[i])) return i;
        return -1;
    }

    private static uint Hash(ReadOnlySpan<byte> utf8, uint multiplier) =>
        utf8.IsEmpty ? 0 : (uint)utf8.Length * multiplier + utf8[0] + 7u * utf8[^1] + 31u * utf8[utf8.Length / 2];

    private ((int[] Slots, int[] Next, uint Multiplier) Table, int Collisions) Place(int size, uint multiplier)
    {
        var slots = new int[size];
        var next = new int[Utf8.Length];
        Array.Fill(slots, -1);
        Array.Fill(next, -1);
        var collisions = 0;
        // Backwards, each value pushed in front of its slot's chain: the chain lists values in their order.
        for (var i = Utf8.Length - 1; i >= 0; i--)
        {
            ref var slot = ref slots[Hash(Utf8[i], multiplier) & (uint)(size - 1)];
            if (slot >= 0) collisions++;
            next[i] = slot;
            slot = i;
        }
        return ((slots, next, multiplier), collisions);
    }
}
