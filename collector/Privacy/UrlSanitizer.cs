using System.Text;
using System.Text.RegularExpressions;

namespace RumCollector.Privacy;

/// <summary>Removes query parameters outside the allowlist and the fragment, then redacts what remains.</summary>
public sealed partial class UrlSanitizer
{
    private const int MaxLength = 2048;
    private readonly HashSet<string> _allowed;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _allowedSpan;
    private readonly Redactor _redactor;

    public UrlSanitizer(IEnumerable<string> queryParamAllowlist, Redactor redactor)
    {
        _allowed = new HashSet<string>(queryParamAllowlist, StringComparer.Ordinal);
        _allowedSpan = _allowed.GetAlternateLookup<ReadOnlySpan<char>>();
        _redactor = redactor;
    }

    public string? Sanitize(string? url)
    {
        if (string.IsNullOrEmpty(url)) return url;
        var hash = url.IndexOf('#');
        var withoutFragment = hash >= 0 ? url.AsSpan(0, hash) : url.AsSpan();
        var q = withoutFragment.IndexOf('?');
        var result = q < 0
            ? (hash >= 0 ? withoutFragment.ToString() : url)
            : KeepAllowed(withoutFragment[..q], withoutFragment[(q + 1)..]);
        result = _redactor.Redact(result)!;
        return result.Length > MaxLength ? result[..MaxLength] : result;
    }

    /// <summary>
    /// Sanitizes every URL inside free text such as a stack trace (<c>at fn (https://host/app.js?token=…:13:83)</c>),
    /// keeping the :line:column after it. Script URLs carry the page's query string as often as page URLs do.
    /// </summary>
    public string? SanitizeUrlsIn(string? text)
    {
        if (string.IsNullOrEmpty(text) || (!text.Contains('?') && !text.Contains('#'))) return text;
        return UrlInText().Replace(text, match =>
        {
            var url = match.Groups["url"].Value;
            return url.Contains('?') || url.Contains('#') ? Sanitize(url) + match.Groups["position"].Value : match.Value;
        });
    }

    /// <summary>A URL up to whitespace or a parenthesis, and the :line or :line:column that may end it.</summary>
    [GeneratedRegex(@"(?<url>https?://[^\s()]+?)(?<position>(:\d+){1,2})?(?=[\s()]|$)")]
    private static partial Regex UrlInText();

    /// <summary>The path followed by the allowlisted pairs of the query, in their order and as sent.</summary>
    private string KeepAllowed(ReadOnlySpan<char> path, ReadOnlySpan<char> query)
    {
        StringBuilder? kept = null;
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.IsEmpty) continue;
            var eq = pair.IndexOf('=');
            if (!IsAllowed(eq < 0 ? pair : pair[..eq])) continue;
            kept ??= new StringBuilder(path.Length + query.Length + 1).Append(path);
            kept.Append(kept.Length == path.Length ? '?' : '&').Append(pair);
        }
        return kept?.ToString() ?? path.ToString();
    }

    private bool IsAllowed(ReadOnlySpan<char> name) =>
        name.Contains('%') ? _allowed.Contains(Uri.UnescapeDataString(name)) : _allowedSpan.Contains(name);
}
