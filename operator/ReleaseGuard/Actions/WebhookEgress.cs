namespace RumOperator.ReleaseGuard;

/// <summary>
/// Pure: may the operator call a tenant's rollback.webhook.url? The operator runs inside the cluster, so a URL is a
/// request the tenant makes with the operator's network position: only hosts on the operator-level allowlist
/// (--rollback-webhook-allowed-hosts), https unless --rollback-webhook-allow-http, no user info.
/// </summary>
public static class WebhookEgress
{
    /// <summary>Why the URL may not be called, naming the field and the flag; null when it may.</summary>
    public static string? Refusal(string url, IReadOnlyList<string> allowedHosts, bool allowHttp)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "spec.rollback.webhook.url: not an http(s) URL";
        if (uri.Scheme == "http" && !allowHttp)
            return $"spec.rollback.webhook.url: {Redact(url)} is plain http; use https (or start the operator with --rollback-webhook-allow-http)";
        if (uri.UserInfo.Length > 0) return "spec.rollback.webhook.url: user info in the URL is not allowed; the body is signed with the Secret";
        if (!allowedHosts.Any(pattern => HostMatches(uri.IdnHost, pattern)))
            return allowedHosts.Count == 0
                ? $"spec.rollback.webhook.url: host {uri.IdnHost} is not allowed: the operator allows no webhook hosts (--rollback-webhook-allowed-hosts)"
                : $"spec.rollback.webhook.url: host {uri.IdnHost} is not in the operator's allowlist (--rollback-webhook-allowed-hosts: {string.Join(", ", allowedHosts)})";
        return null;
    }

    /// <summary>"*.example.com" matches any subdomain of example.com (not example.com itself); anything else matches exactly, ignoring case.</summary>
    public static bool HostMatches(string host, string pattern) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);

    /// <summary>The URL as Events, status and logs may show it: no query string or fragment (they often carry tokens), no user info.</summary>
    public static string Redact(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "(unparsable URL)";
        var shown = uri.GetLeftPart(UriPartial.Path).Replace(uri.UserInfo + "@", "", StringComparison.Ordinal);
        return uri.Query.Length > 1 || uri.Fragment.Length > 1 ? shown + "?<redacted>" : shown;
    }
}
