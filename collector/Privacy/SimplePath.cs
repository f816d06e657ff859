using System.Buffers;

namespace RumCollector.Privacy;

/// <summary>
/// The path of an http(s) URL that needs no normalising, read in place. Parsing a <see cref="Uri"/> per beacon
/// costs about a microsecond and two allocations; most page URLs are plain (a DNS host, an optional port,
/// a path of unreserved characters without dot segments), and for those the path as written is exactly
/// what <see cref="Uri.AbsolutePath"/> returns. Anything else (userinfo, IP literals, escapes, dot segments,
/// non-ASCII) is left to <see cref="Uri"/>.
/// </summary>
public static class SimplePath
{
    private static readonly SearchValues<char> PathChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@");
    private const int MaxLabel = 63;

    public static bool TryRead(string url, out ReadOnlySpan<char> path)
    {
        path = default;
        int start;
        if (url.StartsWith("https://", StringComparison.Ordinal)) start = 8;
        else if (url.StartsWith("http://", StringComparison.Ordinal)) start = 7;
        else return false;
        var rest = url.AsSpan(start);
        var end = rest.IndexOfAny('/', '?', '#');
        if (!IsPlainAuthority(end < 0 ? rest : rest[..end])) return false;
        if (end < 0 || rest[end] != '/')
        {
            path = "/";
            return true;
        }
        var tail = rest[end..];
        var cut = tail.IndexOfAny('?', '#');
        var candidate = cut < 0 ? tail : tail[..cut];
        if (candidate.ContainsAnyExcept(PathChars) || HasDotSegment(candidate)) return false;
        path = candidate;
        return true;
    }

    /// <summary>A DNS name (letters, digits, inner hyphens; dot-separated labels) and an optional port up to 65535.</summary>
    private static bool IsPlainAuthority(ReadOnlySpan<char> authority)
    {
        var colon = authority.IndexOf(':');
        var host = colon < 0 ? authority : authority[..colon];
        if (colon >= 0)
        {
            var port = authority[(colon + 1)..];
            if (port.IsEmpty || port.Length > 5 || port.ContainsAnyExceptInRange('0', '9') || int.Parse(port) > 65535) return false;
        }
        if (host.IsEmpty) return false;
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.IsEmpty || label.Length > MaxLabel || label[0] == '-' || label[^1] == '-') return false;
            foreach (var c in label)
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        }
        // An all-digit last label would make the host an IPv4 address (or an invalid one) to Uri.
        var last = host[(host.LastIndexOf('.') + 1)..];
        return last.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>"." or ".." as a whole segment: Uri removes them.</summary>
    private static bool HasDotSegment(ReadOnlySpan<char> path)
    {
        foreach (var range in path.Split('/'))
            if (path[range] is "." or "..") return true;
        return false;
    }
}
