namespace RumCollector.Errors;

/// <summary>
/// Whose code a frame runs: the app's own (same origin as the page, or one of the pipeline's source-map
/// origins such as its CDN), a third party's, a browser extension's, or the engine's (no URL).
/// </summary>
public static class FrameOrigin
{
    private static readonly string[] ExtensionSchemes =
        ["chrome-extension", "moz-extension", "safari-extension", "safari-web-extension", "ms-browser-extension", "edge-extension"];

    /// <summary>True for the app's own code. Without a page origin every http(s) frame counts, as no other can be told apart.</summary>
    public static bool IsInApp(StackFrame frame, string? pageOrigin, IReadOnlyCollection<string> appOrigins)
    {
        if (IsExtension(frame)) return false;
        if (frame.Url is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme is not ("http" or "https")) return false;
        var origin = uri.GetLeftPart(UriPartial.Authority);
        if (pageOrigin is null) return true;
        return string.Equals(origin, pageOrigin, StringComparison.OrdinalIgnoreCase)
            || appOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsExtension(StackFrame frame) =>
        frame.Url is { } url && ExtensionSchemes.Any(s => url.StartsWith(s + "://", StringComparison.OrdinalIgnoreCase));

    /// <summary>scheme://host[:port] of a page URL, or null.</summary>
    public static string? OriginOf(string? pageUrl) =>
        pageUrl is not null && Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
