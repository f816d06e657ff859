using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace RumCollector.Tests.Support;

/// <summary>The example beacon of design/beacon.md and variations of it.</summary>
public static class Beacons
{
    public const string Key = "pk-storefront-2f9a1c";
    public const string OldKey = "pk-storefront-old-77b0";
    public const string Origin = "https://shop.example.com";
    public const string ChromeUa = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Verbatim from beacon.md except the elided session id.</summary>
    public const string Example = """
    {
      "v": 1,
      "app": "storefront",
      "release": "2.3.1",
      "sdk": { "name": "rum-sdk", "version": "1.0.0" },
      "session": { "id": "7f9c2d1e", "sampleRate": 0.25, "consent": "granted" },
      "page": { "url": "https://shop.example.com/product/123?utm_source=mail",
                "route": "/product/:id", "referrer": "https://www.google.com/" },
      "trace": { "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
      "events": [
        { "type": "session_start", "ts": 1764070000000 },
        { "type": "pageview", "ts": 1764070000100, "outcome": "ok", "navigationType": "navigate", "status": 200 },
        { "type": "vital", "ts": 1764070002500, "name": "LCP", "value": 2310.5, "rating": "good", "id": "v5-1764-123" },
        { "type": "vital", "ts": 1764070002600, "name": "CLS", "value": 0.04, "rating": "good", "id": "v5-1764-124" },
        { "type": "error", "ts": 1764070003000, "kind": "js", "message": "TypeError: x is undefined",
          "stack": "at render (https://shop.example.com/app.js:1:2345)", "firstInSession": true },
        { "type": "resource", "ts": 1764070003100, "url": "https://cdn.example.net/lib.js", "initiator": "script",
          "duration": 812.0, "status": 404, "party": "third" },
        { "type": "longtask", "ts": 1764070003200, "duration": 84.0, "party": "third" },
        { "type": "transaction", "ts": 1764070009000, "name": "checkout", "outcome": "failure", "duration": 5230.0 }
      ]
    }
    """;

    public static JsonObject ExampleJson() => (JsonObject)JsonNode.Parse(Example)!;

    /// <summary>The example with changes applied, e.g. b => b["session"]!["id"] = "x".</summary>
    public static string With(Action<JsonObject> change)
    {
        var json = ExampleJson();
        change(json);
        return json.ToJsonString();
    }

    public static string Events(string sessionId, params string[] events) =>
        $$"""{"v":1,"app":"storefront","release":"2.3.1","session":{"id":"{{sessionId}}"},"page":{"url":"https://shop.example.com/cart"},"events":[{{string.Join(",", events)}}]}""";

    public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
