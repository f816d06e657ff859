using System.Text;
using System.Text.RegularExpressions;

namespace RumCollector.Errors;

/// <summary>
/// The part of a frame's file that stays the same across deploys: the URL path without origin, query
/// and fragment, with content-hash tokens removed (app.3f2a9c1b.js, index-5ZQ2C7HR.js and a hash-named
/// folder all lose the hash). A token is hash-like when it has 7 or more letters and digits and at least one digit.
/// </summary>
public static partial class FramePath
{
    [GeneratedRegex("^[A-Za-z0-9]{7,}$")] private static partial Regex LongAlphanumeric();
    [GeneratedRegex("([._~-])")] private static partial Regex Separator();

    public static bool IsHashLike(string token) => LongAlphanumeric().IsMatch(token) && token.Any(char.IsAsciiDigit);

    /// <summary>The stable path of a frame URL; for a URL without a path (a bare name), the name itself.</summary>
    public static string Of(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.AbsolutePath
            : StripQuery(url);
        var result = new StringBuilder(path.Length);
        foreach (var segment in path.Split('/'))
        {
            var clean = WithoutHashes(segment);
            if (clean.Length == 0) continue;
            result.Append('/').Append(clean);
        }
        return result.Length == 0 ? "/" : result.ToString();
    }

    /// <summary>The URL cut at its query or fragment, whichever comes first.</summary>
    public static string StripQuery(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }

    private static string WithoutHashes(string segment)
    {
        if (IsHashLike(segment)) return "";
        var parts = Separator().Split(segment); // token, separator, token, ...
        var kept = new StringBuilder(segment.Length);
        var anyKept = false;
        for (var i = 0; i < parts.Length; i += 2)
        {
            if (IsHashLike(parts[i])) continue;
            // The separator right before a kept token: "index-HASH.js" → "index.js", "_app" keeps its "_".
            if (anyKept) kept.Append(parts[i - 1]);
            kept.Append(parts[i]);
            anyKept = true;
        }
        return kept.ToString();
    }
}
