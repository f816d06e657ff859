using System.Buffers;
using System.Text;

namespace RumCollector.Enrichment;

/// <summary>What the collector keeps of a User-Agent: three small closed value sets and a bot flag.</summary>
public sealed record ClientInfo(string Device, string Browser, string Os, bool IsBot);

/// <summary>
/// A deliberately small User-Agent classifier: every output is one of a few fixed values, so the
/// labels stay bounded whatever a client sends. Order of checks follows how UAs impersonate each
/// other (Edge and Opera claim Chrome, Chrome claims Safari, iPadOS claims macOS).
/// </summary>
public static class UserAgentParser
{
    /// <summary>
    /// Characters of a User-Agent that are classified and cached. Real ones stay under 300; a longer header
    /// is cut first, so a client cannot make the collector keep or scan 30 KB per beacon. A bot marker
    /// beyond it goes unseen, which costs nothing a bot could not have by sending no marker at all.
    /// </summary>
    public const int MaxLength = 512;

    public static readonly IReadOnlyList<string> Devices = ["desktop", "mobile", "tablet", "unknown"];
    public static readonly IReadOnlyList<string> Browsers = ["chrome", "edge", "firefox", "safari", "opera", "samsung", "other", "unknown"];
    public static readonly IReadOnlyList<string> OperatingSystems = ["windows", "macos", "ios", "android", "linux", "chromeos", "other", "unknown"];

    private static readonly string[] BotMarkers =
    [
        "bot", "crawler", "spider", "crawl", "slurp", "mediapartners", "facebookexternalhit", "embedly", "preview",
        "lighthouse", "pagespeed", "ptst", "headlesschrome", "phantomjs", "puppeteer", "playwright", "selenium",
        "python-requests", "scrapy", "ahrefs", "semrush", "yandex", "baidu", "duckduckgo", "petalbot", "bytespider",
    ];

    private static readonly SearchValues<string> AnyBotMarker = SearchValues.Create(BotMarkers, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> BotMarkerButHeadless =
        SearchValues.Create(BotMarkers.Where(m => m != "headlesschrome").ToArray(), StringComparison.OrdinalIgnoreCase);

    public static ClientInfo Parse(string? userAgent, bool allowHeadless)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return new ClientInfo("unknown", "unknown", "unknown", false);
        var ua = userAgent.AsSpan();
        return new ClientInfo(Device(ua), Browser(ua), Os(ua), IsBot(ua, allowHeadless));
    }

    private static bool IsBot(ReadOnlySpan<char> ua, bool allowHeadless)
    {
        // One vectorised search for all markers; the per-marker loop stays for non-ASCII text, where
        // ignore-case matching has Unicode rules this shortcut should not have to reproduce.
        if (Ascii.IsValid(ua)) return ua.ContainsAny(allowHeadless ? BotMarkerButHeadless : AnyBotMarker);
        foreach (var marker in BotMarkers)
        {
            if (!ua.Contains(marker, StringComparison.OrdinalIgnoreCase)) continue;
            if (marker == "headlesschrome" && allowHeadless) continue;
            return true;
        }
        return false;
    }

    private static string Browser(ReadOnlySpan<char> ua)
    {
        if (Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/") || Has(ua, "Edge/")) return "edge";
        if (Has(ua, "OPR/") || Has(ua, "Opera") || Has(ua, "OPT/")) return "opera";
        if (Has(ua, "SamsungBrowser/")) return "samsung";
        if (Has(ua, "Firefox/") || Has(ua, "FxiOS/")) return "firefox";
        if (Has(ua, "Chrome/") || Has(ua, "CriOS/") || Has(ua, "HeadlessChrome/") || Has(ua, "Chromium/")) return "chrome";
        if (Has(ua, "Safari/") && Has(ua, "Version/")) return "safari";
        if (Has(ua, "AppleWebKit/") && (Has(ua, "iPhone") || Has(ua, "iPad"))) return "safari";
        return "other";
    }

    private static string Os(ReadOnlySpan<char> ua)
    {
        if (Has(ua, "Windows")) return "windows";
        if (Has(ua, "iPhone") || Has(ua, "iPad") || Has(ua, "iPod")) return "ios";
        if (Has(ua, "Android")) return "android";
        if (Has(ua, "CrOS")) return "chromeos";
        if (Has(ua, "Macintosh") || Has(ua, "Mac OS X")) return "macos";
        if (Has(ua, "Linux") || Has(ua, "X11")) return "linux";
        return "other";
    }

    private static string Device(ReadOnlySpan<char> ua)
    {
        if (Has(ua, "iPad") || Has(ua, "Tablet") || (Has(ua, "Android") && !Has(ua, "Mobile"))) return "tablet";
        if (Has(ua, "Mobi") || Has(ua, "iPhone") || Has(ua, "iPod") || Has(ua, "Windows Phone")) return "mobile";
        return "desktop";
    }

    private static bool Has(ReadOnlySpan<char> ua, string token) => ua.Contains(token, StringComparison.Ordinal);
}
