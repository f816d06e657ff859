using System.Globalization;
using System.Text.RegularExpressions;

namespace RumCollector.Errors;

/// <summary>
/// Reads the stack formats browsers print into frames, top (throwing) frame first:
/// V8 / Chromium <c>    at fn (url:line:col)</c> and <c>    at url:line:col</c>;
/// SpiderMonkey / Firefox and JavaScriptCore / Safari <c>fn@url:line:col</c>, <c>@url:line:col</c>,
/// <c>fn@[native code]</c>. Lines in no known format (the message line, a cut last line) are skipped.
/// </summary>
public static partial class StackParser
{
    /// <summary>Frames read from one stack; beyond this the rest is ignored (a stack is at most 8 KiB anyway).</summary>
    public const int MaxFrames = 64;

    [GeneratedRegex(@"^\s*at (?:(?<fn>.*?) \((?<loc>.*)\)|(?<loc>.*))$")]
    private static partial Regex V8Line();

    [GeneratedRegex(@"^\s*(?<fn>[^@\s][^@]*?)?@(?<loc>.*)$")]
    private static partial Regex GeckoLine();

    [GeneratedRegex(@"^(?<url>.*?):(?<line>\d{1,9}):(?<col>\d{1,9})$")]
    private static partial Regex Location();

    /// <summary>V8 eval frames: "eval at fn (url:1:2), &lt;anonymous&gt;:1:1"; the frame belongs to the script that called eval.</summary>
    [GeneratedRegex(@"^eval at .*?\((?<inner>[^()]+?:\d+:\d+)\)")]
    private static partial Regex V8Eval();

    /// <summary>Firefox eval and Function frames: "url line 2 &gt; eval:1:1" belongs to line 2 of url (column unknown: 0).</summary>
    [GeneratedRegex(@" line (?<line>\d{1,9}) > (?:eval|Function|injectedScript).*$")]
    private static partial Regex GeckoEval();

    public static IReadOnlyList<StackFrame> Parse(string? stack)
    {
        if (string.IsNullOrEmpty(stack)) return [];
        var frames = new List<StackFrame>();
        foreach (var raw in stack.AsSpan().EnumerateLines())
        {
            if (frames.Count >= MaxFrames) break;
            var line = raw.Trim().ToString();
            if (line.Length == 0) continue;
            if (ParseLine(line) is { } frame) frames.Add(frame);
        }
        return frames;
    }

    public static StackFrame? ParseLine(string line)
    {
        if (line.StartsWith("at ", StringComparison.Ordinal))
        {
            var v8 = V8Line().Match(line);
            if (!v8.Success) return null;
            var loc = v8.Groups["loc"].Value;
            if (V8Eval().Match(loc) is { Success: true } eval) loc = eval.Groups["inner"].Value;
            return Frame(v8.Groups["fn"].Success ? v8.Groups["fn"].Value : null, loc);
        }
        if (line is "[native code]") return new StackFrame(null, null, 0, 0);
        var gecko = GeckoLine().Match(line);
        if (!gecko.Success) return null;
        var location = GeckoEval().Replace(gecko.Groups["loc"].Value, m => $":{m.Groups["line"].Value}:0");
        return Frame(gecko.Groups["fn"].Success ? gecko.Groups["fn"].Value : null, location);
    }

    private static StackFrame? Frame(string? function, string location)
    {
        var fn = FunctionName(function);
        var m = Location().Match(location);
        if (!m.Success) return location is "<anonymous>" or "native" or "[native code]" ? new StackFrame(fn, null, 0, 0) : null;
        return new StackFrame(fn, m.Groups["url"].Value,
            int.Parse(m.Groups["line"].ValueSpan, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["col"].ValueSpan, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The function as the engines name it, without decoration that varies between calls of the same
    /// code: V8's "async ", "new " and " [as alias]", Firefox's "async*" / "promise callback*" prefixes and
    /// "outer/&lt;" names of anonymous inner functions, Safari's "global code" / "module code" / "eval code" for top level.
    /// </summary>
    public static string? FunctionName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var fn = raw.Trim();
        var star = fn.LastIndexOf('*');
        if (star >= 0) fn = fn[(star + 1)..];
        if (fn.StartsWith("async ", StringComparison.Ordinal)) fn = fn[6..];
        if (fn.StartsWith("new ", StringComparison.Ordinal)) fn = fn[4..];
        var alias = fn.IndexOf(" [as ", StringComparison.Ordinal);
        if (alias > 0) fn = fn[..alias];
        // Firefox names an anonymous function after its outer one ("outer/<"); the others leave it anonymous.
        if (fn.EndsWith('<')) return null;
        var slash = fn.LastIndexOf('/');
        if (slash >= 0) fn = fn[(slash + 1)..];
        return fn is "" or "<anonymous>" or "Object.<anonymous>" or "global code" or "module code" or "eval code" or "eval" ? null : fn;
    }
}
