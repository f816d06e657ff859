using System.Text.RegularExpressions;
using RumOperator.Metrics;

namespace RumCollector.Privacy;

/// <summary>
/// Turns what the browser reported into a bounded route label. A raw path, query string or id never
/// becomes a label value: only a configured template, or a template-shaped SDK route when the app
/// configures none, and otherwise <see cref="RumMetrics.Other"/>.
/// </summary>
public sealed partial class RouteResolver
{
    private readonly RouteTemplate[] _templates;
    private readonly HashSet<string> _known;

    public RouteResolver(IEnumerable<string> templates)
    {
        _templates = templates.Select(t => new RouteTemplate(t)).OrderByDescending(t => t.StaticSegments).ToArray();
        _known = new HashSet<string>(_templates.Select(t => t.Template), StringComparer.Ordinal);
    }

    public string Resolve(string? sdkRoute, string? url)
    {
        if (sdkRoute is not null && _known.Contains(sdkRoute)) return sdkRoute;
        if (_templates.Length == 0)
            return sdkRoute is not null && IsTemplateShaped(sdkRoute) ? sdkRoute : RumMetrics.Other;
        if (!TryPathOf(url, out var path)) return RumMetrics.Other;
        foreach (var template in _templates)
            if (template.Matches(path)) return template.Template;
        return RumMetrics.Other;
    }

    /// <summary>
    /// Literal segments without digits (ids, hashes and dates all carry digits), or :param / * segments.
    /// "/product/:id" passes; "/product/123", "/u/alice@x.io" and "/search?q=x" do not.
    /// </summary>
    public static bool IsTemplateShaped(string route) => route.Length <= 128 && TemplateShape().IsMatch(route);

    /// <summary>The path of an absolute URL as <see cref="Uri.AbsolutePath"/> gives it, or of a path-absolute reference.</summary>
    internal static bool TryPathOf(string? url, out ReadOnlySpan<char> path)
    {
        path = default;
        if (string.IsNullOrEmpty(url)) return false;
        if (SimplePath.TryRead(url, out path)) return true;
        if (Uri.TryCreate(url, UriKind.Absolute, out var abs))
        {
            path = abs.AbsolutePath;
            return true;
        }
        var cut = url.AsSpan().IndexOfAny('?', '#');
        path = cut < 0 ? url : url.AsSpan(0, cut);
        return path.StartsWith('/');
    }

    [GeneratedRegex(@"^(/|(/(:[A-Za-z_][A-Za-z0-9_]{0,31}|\*|[A-Za-z_.~-]{1,40}))+/?)$")]
    private static partial Regex TemplateShape();
}
