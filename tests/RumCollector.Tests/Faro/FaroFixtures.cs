using System.Text.Json.Nodes;

namespace RumCollector.Tests.Faro;

/// <summary>
/// Payloads the real @grafana/faro-web-sdk 2.12.1 sent from Chromium (captured by the browser test
/// FaroTests with RUM_FARO_CAPTURE_DIR set), and variations of them.
/// </summary>
internal static class FaroFixtures
{
    /// <summary>session_start, faro.performance.navigation, and the TTFB and FCP web-vitals measurements.</summary>
    public static string PageLoad => Read("chromium-page-load.json");

    /// <summary>A TypeError thrown by a button's onclick, with its stack frame.</summary>
    public static string Exception => Read("chromium-exception.json");

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Faro", "Fixtures", name));

    /// <summary>A fixture for the test config's app (storefront), with changes applied.</summary>
    public static string ForStorefront(string fixture, Action<JsonObject>? change = null)
    {
        var payload = (JsonObject)JsonNode.Parse(fixture)!;
        payload["meta"]!["app"]!["name"] = "storefront";
        change?.Invoke(payload);
        return payload.ToJsonString();
    }
}
