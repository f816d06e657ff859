using System.Text.RegularExpressions;

namespace RumCollector.Errors.SourceMaps;

/// <summary>
/// The name of the function around an original position. Minifiers rename functions, and a frame's
/// position points inside the function, not at its name; so, as stacktrace-gps does, the original
/// source is read backwards from the frame's line (at most <see cref="MaxLinesBack"/> lines) for the
/// nearest definition: <c>function f(</c>, <c>f = function</c>, <c>const f = (…) =&gt;</c> or a method
/// <c>f(…) {</c>. Without the source text, the name the map gives for the position is used.
/// A nested block can make the nearest definition not the enclosing one: a known limit (docs/errors.md).
/// </summary>
public static partial class OriginalFunction
{
    public const int MaxLinesBack = 250;

    [GeneratedRegex(@"function\*?\s+([$_A-Za-z][$_A-Za-z0-9]*)\s*(?:<[^>]*>)?\s*\(")] private static partial Regex Declaration();
    [GeneratedRegex(@"([$_A-Za-z][$_A-Za-z0-9]*)\s*[:=]\s*(?:async\s+)?function\b")] private static partial Regex Assigned();
    [GeneratedRegex(@"([$_A-Za-z][$_A-Za-z0-9]*)\s*(?::[^=]*)?=\s*(?:async\s*)?(?:\([^)]*\)|[$_A-Za-z][$_A-Za-z0-9]*)\s*(?::[^=]*)?=>")] private static partial Regex Arrow();
    [GeneratedRegex(@"^\s*(?:(?:public|private|protected|static|async|get|set|override)\s+)*([$_A-Za-z][$_A-Za-z0-9]*)\s*(?:<[^>]*>)?\([^)]*\)\s*(?::[^{]*)?\{")] private static partial Regex Method();

    private static readonly HashSet<string> Keywords = ["if", "for", "while", "switch", "catch", "with", "return", "function", "constructor"];

    public static string? Find(SourceMap map, OriginalPosition position)
    {
        if (map.SourceLines(position.Source) is { } lines)
        {
            for (var i = Math.Min(position.Line, lines.Length) - 1; i >= 0 && i >= position.Line - MaxLinesBack; i--)
                if (NameIn(lines[i]) is { } name) return name;
        }
        return position.Name;
    }

    public static string? NameIn(string line)
    {
        foreach (var pattern in (Regex[])[Declaration(), Assigned(), Arrow(), Method()])
        {
            var m = pattern.Match(line);
            if (m.Success && !Keywords.Contains(m.Groups[1].Value)) return m.Groups[1].Value;
        }
        return null;
    }
}
