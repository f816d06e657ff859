namespace RumCollector.Privacy;

/// <summary>A route template such as /product/:id or /docs/*, matched segment by segment.</summary>
public sealed class RouteTemplate
{
    private readonly string[] _segments;

    public RouteTemplate(string template)
    {
        Template = template;
        _segments = Split(template);
        StaticSegments = _segments.Count(s => !IsParameter(s) && s != "*");
    }

    public string Template { get; }

    /// <summary>More literal segments means more specific: /product/new beats /product/:id.</summary>
    public int StaticSegments { get; }

    public bool Matches(string path)
    {
        var parts = Split(path);
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] == "*") return true;
            if (i >= parts.Length) return false;
            if (!IsParameter(_segments[i]) && !string.Equals(_segments[i], parts[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return parts.Length == _segments.Length;
    }

    private static bool IsParameter(string segment) => segment.StartsWith(':') || (segment.StartsWith('{') && segment.EndsWith('}'));

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
