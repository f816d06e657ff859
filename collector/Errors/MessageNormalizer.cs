using System.Text.RegularExpressions;

namespace RumCollector.Errors;

/// <summary>
/// Error messages without the parts that differ between occurrences of the same error: URLs, UUIDs,
/// quoted strings, hex ids and numbers become placeholders, so "Cannot load item 4711" and
/// "Cannot load item 4712" group together. Also splits "TypeError: message" into type and message.
/// </summary>
public static partial class MessageNormalizer
{
    /// <summary>Longest normalized message; the rest of a longer one does not take part in grouping.</summary>
    public const int MaxLength = 512;

    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://[^\s'""`<>)]+", RegexOptions.IgnoreCase)] private static partial Regex Url();
    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.IgnoreCase)] private static partial Regex Uuid();
    [GeneratedRegex(@"'[^'\n]*'|""[^""\n]*""|`[^`\n]*`")] private static partial Regex Quoted();
    [GeneratedRegex(@"\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b", RegexOptions.IgnoreCase)] private static partial Regex Hex();
    [GeneratedRegex(@"[-+]?\b\d+(?:[.,]\d+)*\b")] private static partial Regex Number();
    [GeneratedRegex(@"\s+")] private static partial Regex Space();

    /// <summary>"TypeError: x is undefined" → (TypeError, x is undefined); "Uncaught " as Chromium's window.onerror adds it is dropped.</summary>
    [GeneratedRegex(@"^(?:Uncaught )?(?:\(in promise\) )?(?<type>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*?(?:Error|Exception)|Error|DOMException|InternalError):\s*(?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex Typed();

    /// <summary>The error type and the message after it; type null when the message names none.</summary>
    public static (string? Type, string Message) Split(string? message)
    {
        var text = (message ?? "").Trim();
        var m = Typed().Match(text);
        return m.Success ? (m.Groups["type"].Value, m.Groups["message"].Value) : (null, text);
    }

    public static string Normalize(string message)
    {
        var text = Url().Replace(message, "<url>");
        text = Uuid().Replace(text, "<uuid>");
        text = Quoted().Replace(text, "<str>");
        text = Hex().Replace(text, "<hex>");
        text = Number().Replace(text, "<num>");
        text = Space().Replace(text, " ").Trim();
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }
}
