using System.Text.Json;

namespace RumCollector.Errors.SourceMaps;

/// <summary>Where a generated position came from: original file, 1-based line and column, and the mapped name if any.</summary>
public sealed record OriginalPosition(string Source, int Line, int Column, string? Name);

/// <summary>
/// A decoded source map v3 (https://tc39.es/ecma426/): the mappings of each generated line, sorted by
/// column, and the original sources' text when the map carries it (sourcesContent). Index maps
/// (sections) are not supported. <see cref="Bytes"/> approximates its memory for the cache bound.
/// </summary>
public sealed class SourceMap
{
    /// <summary>One mapping segment: generated column, source index, original line and column (0-based), name index or -1.</summary>
    private readonly record struct Segment(int Column, int Source, int Line, int OriginalColumn, int Name);

    private readonly Segment[][] _lines;
    private readonly string[] _sources;
    private readonly string?[] _contents;
    private readonly string[] _names;
    private readonly string[]?[] _contentLines;

    private SourceMap(Segment[][] lines, string[] sources, string?[] contents, string[] names, long bytes)
    {
        _lines = lines;
        _sources = sources;
        _contents = contents;
        _names = names;
        _contentLines = new string[]?[contents.Length];
        Bytes = bytes;
    }

    public long Bytes { get; }
    public IReadOnlyList<string> Sources => _sources;

    /// <summary>Parses a map; throws <see cref="SourceMapException"/> naming what is wrong.</summary>
    public static SourceMap Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw new SourceMapException($"not JSON: {e.Message}"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new SourceMapException("not a JSON object");
            if (root.TryGetProperty("sections", out _)) throw new SourceMapException("index maps (sections) are not supported");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 3)
                throw new SourceMapException("version must be 3");
            var sourceRoot = root.TryGetProperty("sourceRoot", out var sr) && sr.ValueKind == JsonValueKind.String ? sr.GetString()! : "";
            var sources = Strings(root, "sources").Select(s => Join(sourceRoot, s ?? "")).ToArray();
            var names = Strings(root, "names").Select(n => n ?? "").ToArray();
            var contents = Strings(root, "sourcesContent");
            Array.Resize(ref contents, sources.Length);
            if (!root.TryGetProperty("mappings", out var m) || m.ValueKind != JsonValueKind.String)
                throw new SourceMapException("mappings must be a string");
            var mappings = m.GetString()!;
            var lines = Decode(mappings, sources.Length, names.Length);
            var bytes = mappings.Length * 2L + contents.Sum(c => (c?.Length ?? 0) * 2L) + names.Sum(n => n.Length * 2L + 24)
                + sources.Sum(s => s.Length * 2L + 24) + lines.Sum(l => 24 + l.Length * 20L);
            return new SourceMap(lines, sources, contents, names, bytes);
        }
    }

    /// <summary>The original position of a 1-based generated line and column: the last segment at or before the column.</summary>
    public OriginalPosition? Find(int line, int column)
    {
        if (line < 1 || line > _lines.Length) return null;
        var segments = _lines[line - 1];
        int lo = 0, hi = segments.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (segments[mid].Column <= column - 1) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        if (found < 0 || segments[found].Source < 0) return null;
        var s = segments[found];
        return new OriginalPosition(_sources[s.Source], s.Line + 1, s.OriginalColumn + 1, s.Name >= 0 ? _names[s.Name] : null);
    }

    /// <summary>The original source's text split in lines, when the map carries it.</summary>
    public string[]? SourceLines(string source)
    {
        var index = Array.IndexOf(_sources, source);
        if (index < 0 || _contents[index] is not { } text) return null;
        return _contentLines[index] ??= text.Split('\n');
    }

    private static Segment[][] Decode(string mappings, int sourceCount, int nameCount)
    {
        var lines = new List<Segment[]>();
        var current = new List<Segment>();
        int source = 0, line = 0, column = 0, name = 0;
        var text = mappings.AsSpan();
        var position = 0;
        while (position <= text.Length)
        {
            if (position == text.Length || text[position] == ';')
            {
                current.Sort((a, b) => a.Column.CompareTo(b.Column));
                lines.Add([.. current]);
                current.Clear();
                position++;
                continue;
            }
            if (text[position] == ',') { position++; continue; }
            // Each segment's fields are deltas: the column from the previous segment of this line, the rest from the previous segment.
            if (!Vlq.TryRead(text, ref position, out var generated)) throw Bad(position);
            var segmentColumn = (current.Count == 0 ? 0 : current[^1].Column) + generated;
            var fields = 1;
            var values = new int[4];
            while (position < text.Length && text[position] is not (',' or ';'))
            {
                if (fields > 4 || !Vlq.TryRead(text, ref position, out values[fields - 1])) throw Bad(position);
                fields++;
            }
            if (fields is 2 or 3) throw Bad(position);
            if (segmentColumn < 0) throw Bad(position);
            if (fields == 1) { current.Add(new Segment(segmentColumn, -1, 0, 0, -1)); continue; }
            source += values[0];
            line += values[1];
            column += values[2];
            if (fields == 5) name += values[3];
            if (source < 0 || source >= sourceCount || line < 0 || column < 0) throw Bad(position);
            var nameIndex = fields == 5 ? name : -1;
            if (nameIndex >= nameCount) throw Bad(position);
            current.Add(new Segment(segmentColumn, source, line, column, nameIndex));
        }
        return [.. lines];
    }

    private static SourceMapException Bad(int position) => new($"mappings are invalid near character {position}");

    private static string?[] Strings(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null) return [];
        if (array.ValueKind != JsonValueKind.Array) throw new SourceMapException($"{property} must be an array");
        return array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToArray();
    }

    private static string Join(string root, string source) =>
        root.Length == 0 || source.Contains("://", StringComparison.Ordinal) ? source : root.TrimEnd('/') + "/" + source;
}

public sealed class SourceMapException(string message) : Exception(message);
