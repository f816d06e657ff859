using System.Text;

namespace RumCollector.Privacy;

/// <summary>Removes query parameters outside the allowlist and the fragment, then redacts what remains.</summary>
public sealed class UrlSanitizer(IEnumerable<string> queryParamAllowlist, Redactor redactor)
{
    private const int MaxLength = 2048;
    private readonly HashSet<string> _allowed = new(queryParamAllowlist, StringComparer.Ordinal);

    public string? Sanitize(string? url)
    {
        if (string.IsNullOrEmpty(url)) return url;
        var hash = url.IndexOf('#');
        if (hash >= 0) url = url[..hash];
        var q = url.IndexOf('?');
        var result = q < 0 ? url : url[..q] + KeptQuery(url[(q + 1)..]);
        result = redactor.Redact(result)!;
        return result.Length > MaxLength ? result[..MaxLength] : result;
    }

    private string KeptQuery(string query)
    {
        var kept = new StringBuilder();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (!_allowed.Contains(name)) continue;
            kept.Append(kept.Length == 0 ? '?' : '&').Append(pair);
        }
        return kept.ToString();
    }
}
