using System.Text;
using RumCollector.Errors.SourceMaps;

namespace RumCollector.Errors;

/// <summary>
/// Rewrites a stack with the maps the cache already holds: each frame whose map is there becomes
/// <c>    at originalFunction (original/file.ts:line:col)</c>; every other line stays as privacy left it
/// (the SDK strips queries from stack URLs; Faro frames went through the URL allowlist). Never loads anything itself.
/// </summary>
public static class Symbolicator
{
    /// <param name="lookup">The cached map of an in-app script URL, or null (a miss, which queues a load).</param>
    /// <returns>
    /// The rewritten stack, the first in-app frame (resolved when its map was there) and every frame as
    /// sent, the same list <see cref="StackParser.Parse"/> gives, so the stack is parsed once.
    /// </returns>
    public static (string Stack, StackFrame? Top, IReadOnlyList<StackFrame> Frames) Rewrite(string stack, Func<StackFrame, bool> inApp, Func<string, SourceMap?> lookup)
    {
        var result = new StringBuilder(stack.Length);
        var frames = new List<StackFrame>();
        StackFrame? top = null;
        var lines = 0;
        foreach (var raw in stack.AsSpan().EnumerateLines())
        {
            if (lines++ > 0) result.Append('\n');
            var line = raw.ToString();
            var frame = frames.Count < StackParser.MaxFrames && line.AsSpan().Trim().Length > 0 ? StackParser.ParseLine(line.Trim()) : null;
            if (frame is not null) frames.Add(frame);
            if (frame?.Url is null) { result.Append(line); continue; }
            var own = inApp(frame);
            var resolved = own && lookup(frame.Url) is { } map ? Resolve(frame, map) : frame;
            if (own) top ??= resolved;
            result.Append(resolved.Original is { } o ? $"    at {o.Function ?? "<anonymous>"} ({o.Url}:{o.Line}:{o.Column})" : line);
        }
        return (result.ToString(), top, frames);
    }

    /// <summary>The frame with <see cref="StackFrame.Original"/> set when the map covers its position.</summary>
    public static StackFrame Resolve(StackFrame frame, SourceMap map)
    {
        if (map.Find(frame.Line, frame.Column) is not { } position) return frame;
        var function = OriginalFunction.Find(map, position) ?? frame.Function;
        return frame with { Original = new StackFrame(function, CleanSource(position.Source), position.Line, position.Column) };
    }

    /// <summary>A map's source name without bundler prefixes and leading ./ or ../ (webpack://app/./src/a.ts → src/a.ts).</summary>
    public static string CleanSource(string source)
    {
        var s = source;
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && !s.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            s = s[(scheme + 3)..];
            var slash = s.IndexOf('/');
            s = slash >= 0 ? s[(slash + 1)..] : s;
        }
        while (s.StartsWith("./", StringComparison.Ordinal) || s.StartsWith("../", StringComparison.Ordinal))
            s = s[(s.IndexOf('/') + 1)..];
        return s;
    }

    /// <summary>The frame label of the info metric: "original/file.ts:function" when resolved, else "stable/path.js:function".</summary>
    public static string Label(StackFrame frame) =>
        frame.Original is { } o ? Fingerprint.FrameKey(o.Url!, o.Function) : Fingerprint.FrameKey(FramePath.Of(frame.Url!), frame.Function);
}
