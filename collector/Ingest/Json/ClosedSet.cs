using System.Text;

namespace RumCollector.Ingest.Json;

/// <summary>
/// A closed set of strings (an enum-like field's values, an object's property names), as strings (the values handed
/// out) and as UTF-8, matched against raw body bytes without decoding them.
/// </summary>
public sealed class ClosedSet
{
    /// <summary>Indices of the values of each UTF-8 length: a lookup compares against one or two candidates, not all.</summary>
    private readonly int[][] _byLength;

    public ClosedSet(params string[] values)
    {
        Values = values;
        Utf8 = values.Select(Encoding.UTF8.GetBytes).ToArray();
        MaxLength = Utf8.Length == 0 ? 0 : Utf8.Max(v => v.Length);
        _byLength = Enumerable.Range(0, MaxLength + 1)
            .Select(length => Enumerable.Range(0, Utf8.Length).Where(i => Utf8[i].Length == length).ToArray())
            .ToArray();
        Description = string.Join(", ", values);
    }

    public string[] Values { get; }
    public byte[][] Utf8 { get; }
    /// <summary>The longest value in UTF-8 bytes.</summary>
    public int MaxLength { get; }
    public string Description { get; }

    /// <summary>The index of the value these UTF-8 bytes spell, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength) return -1;
        foreach (var i in _byLength[utf8.Length])
            if (utf8.SequenceEqual(Utf8[i])) return i;
        return -1;
    }
}
