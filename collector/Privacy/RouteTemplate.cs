namespace RumCollector.Privacy;

/// <summary>A route template such as /product/:id or /docs/*, matched segment by segment.</summary>
public sealed class RouteTemplate
{
    private readonly string[] _segments;
    private readonly bool[] _isParameter;

    public RouteTemplate(string template)
    {
        Template = template;
        _segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        _isParameter = _segments.Select(IsParameter).ToArray();
        StaticSegments = _segments.Count(s => !IsParameter(s) && s != "*");
    }

    public string Template { get; }

    /// <summary>More literal segments means more specific: /product/new beats /product/:id.</summary>
    public int StaticSegments { get; }

    /// <summary>Walks the path's non-empty segments in place: a path is matched against every template, per beacon.</summary>
    public bool Matches(ReadOnlySpan<char> path)
    {
        var rest = path;
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] == "*") return true;
            if (!NextSegment(ref rest, out var part)) return false;
            if (!_isParameter[i] && !part.Equals(_segments[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return !NextSegment(ref rest, out _);
    }

    private static bool NextSegment(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> segment)
    {
        rest = rest.TrimStart('/');
        var end = rest.IndexOf('/');
        segment = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[end..];
        return !segment.IsEmpty;
    }

    private static bool IsParameter(string segment) => segment.StartsWith(':') || (segment.StartsWith('{') && segment.EndsWith('}'));
}
