using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RumCollector.Metrics;
using RumCollector.Tests.Support;
using RumOperator.CollectorConfig;
using RumOperator.Api;
using RumOperator.Metrics;

namespace RumCollector.Tests.Faro;

/// <summary>The Faro receiver (POST /collect) over real HTTP: key, CORS, limits, malformed payloads, the pipeline's metrics.</summary>
public sealed class FaroHttpTests : MountedCollector
{
    /// <summary>Posts as Faro 2.12 does: a new Idempotency-Key per request unless a retry's is given.</summary>
    private Task<HttpResponseMessage> CollectAsync(byte[] body, string? apiKey = Beacons.Key, string? origin = Beacons.Origin, string? encoding = null,
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/collect") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (encoding is not null) request.Content.Headers.ContentEncoding.Add(encoding);
        if (apiKey is not null) request.Headers.Add("x-api-key", apiKey);
        if (origin is not null) request.Headers.Add("Origin", origin);
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N")[..20]);
        request.Headers.TryAddWithoutValidation("User-Agent", Beacons.ChromeUa);
        return Server.Http.SendAsync(request);
    }

    private Task<HttpResponseMessage> CollectAsync(string body, string? apiKey = Beacons.Key, string? origin = Beacons.Origin) =>
        CollectAsync(Encoding.UTF8.GetBytes(body), apiKey, origin);

    [Fact]
    public async Task Captured_payloads_show_page_views_vitals_and_errors_under_the_contracts_names()
    {
        using var load = await CollectAsync(FaroFixtures.ForStorefront(FaroFixtures.PageLoad));
        using var error = await CollectAsync(FaroFixtures.ForStorefront(FaroFixtures.Exception));

        Assert.Equal(HttpStatusCode.Accepted, load.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, error.StatusCode);
        Assert.Equal(Beacons.Origin, load.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var samples = await Server.MetricsAsync();
        var series = new[] { ("app", "storefront"), ("release", "2.4.1-faro") };
        Assert.Equal(1, samples.Sum(RumMetrics.PageViews, [.. series, ("outcome", RumMetrics.OutcomeOk)]));
        Assert.Equal(1, samples.Sum(RumMetrics.Sessions, series));
        Assert.Equal(1, samples.Sum(RumMetrics.ForVital(VitalName.Ttfb).Metric + "_count", series));
        Assert.Equal(1, samples.Sum(RumMetrics.ForVital(VitalName.Fcp).Metric + "_count", series));
        Assert.Equal(0.328, samples.Sum(RumMetrics.ForVital(VitalName.Fcp).Metric + "_sum", series), 6);
        Assert.Equal(1, samples.Sum(RumMetrics.JsErrors, [.. series, ("kind", "js")]));
        Assert.Equal(0, samples.Sum(RumMetrics.EventsDropped));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_is_accepted_but_counted_once()
    {
        var body = Encoding.UTF8.GetBytes(FaroFixtures.ForStorefront(FaroFixtures.PageLoad));
        using var first = await CollectAsync(body, idempotencyKey: "mKb2lS0m7tQ4hJt3x1Zq");
        using var retry = await CollectAsync(body, idempotencyKey: "mKb2lS0m7tQ4hJt3x1Zq");
        using var next = await CollectAsync(body, idempotencyKey: "Qx81bT0Lr5aWm3nPz9Kc");

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { first.StatusCode, retry.StatusCode, next.StatusCode });
        var samples = await Server.MetricsAsync();
        Assert.Equal(2, samples.Sum(RumMetrics.PageViews));
        Assert.Equal(1, samples.Sum(CollectorMetricNames.BeaconsRejected, ("reason", DropReason.Duplicate)));
    }

    [Fact]
    public async Task Gzip_payloads_are_read_and_bounded_after_decompression()
    {
        using var gzip = await CollectAsync(Beacons.Gzip(FaroFixtures.ForStorefront(FaroFixtures.PageLoad)), encoding: "gzip");
        using var bomb = await CollectAsync(Beacons.Gzip(new byte[100_000_000]), encoding: "gzip");

        Assert.Equal(HttpStatusCode.Accepted, gzip.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
    }

    [Fact]
    public async Task Items_without_a_rum_event_are_counted_as_dropped_not_mapped()
    {
        var body = FaroFixtures.ForStorefront(FaroFixtures.Exception, p =>
        {
            p["logs"] = JsonNode.Parse("""[{"message":"checkout opened","level":"info"}]""");
            p["events"] = JsonNode.Parse("""[{"name":"view_changed"},{"name":"click_pay"}]""");
        });

        Assert.Equal(HttpStatusCode.Accepted, (await CollectAsync(body)).StatusCode);

        var samples = await Server.MetricsAsync();
        Assert.Equal(3, samples.Sum(RumMetrics.EventsDropped, ("reason", "not_mapped")));
        Assert.Equal(1, samples.Sum(RumMetrics.EventsReceived, ("type", "faro_log")));
        Assert.Equal(2, samples.Sum(RumMetrics.EventsReceived, ("type", "faro_event")));
        Assert.Equal(1, samples.Sum(RumMetrics.JsErrors));
    }

    [Fact]
    public async Task The_key_is_taken_from_x_api_key_and_checked_like_ours()
    {
        var body = FaroFixtures.ForStorefront(FaroFixtures.PageLoad);
        using var missing = await CollectAsync(body, apiKey: null);
        using var wrong = await CollectAsync(body, apiKey: "pk-wrong");
        using var otherApp = await CollectAsync(FaroFixtures.PageLoad); // meta.app.name "shop" is not the key's app
        using var evil = await CollectAsync(body, origin: "https://evil.example.org");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("x-api-key", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherApp.StatusCode);
        Assert.Contains("\"field\":\"meta.app.name\"", await otherApp.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
        Assert.Equal(0, (await Server.MetricsAsync()).Sum(RumMetrics.PageViews));
    }

    [Theory]
    [InlineData("https://shop.example.com", HttpStatusCode.NoContent)]
    [InlineData("https://evil.example.org", HttpStatusCode.Forbidden)]
    public async Task Preflight_allows_the_headers_faro_sends_for_allowed_origins_only(string origin, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/collect");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,idempotency-key,x-api-key,x-faro-session-id");

        using var response = await Server.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.NoContent) return;
        var allowed = response.Headers.GetValues("Access-Control-Allow-Headers").Single().Split(", ").Select(h => h.ToLowerInvariant());
        Assert.Superset(new HashSet<string> { "content-type", "content-encoding", "idempotency-key", "x-api-key", "x-faro-session-id", "traceparent" }, allowed.ToHashSet());
        Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Stack_frame_file_names_and_the_page_url_lose_their_query_strings_before_export()
    {
        using var dir = new TempDir();
        var exportPath = Path.Combine(dir.Path, "events.jsonl");
        var snapshot = TestConfig.Example(c =>
        {
            c.Export.FilePath = exportPath;
            c.Sampling = new CollectorSampling(); // export everything
        });
        await using (var server = await CollectorServer.StartMountedAsync(dir, snapshot))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/collect")
            {
                Content = new StringContent(FaroFixtures.ForStorefront(FaroFixtures.Exception), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-api-key", Beacons.Key);
            request.Headers.Add("Origin", Beacons.Origin);
            request.Headers.TryAddWithoutValidation("User-Agent", Beacons.ChromeUa);
            Assert.Equal(HttpStatusCode.Accepted, (await server.Http.SendAsync(request)).StatusCode);
        } // graceful shutdown flushes the export queue

        var line = Assert.Single(File.ReadAllLines(exportPath));
        using var exported = JsonDocument.Parse(line);
        Assert.Equal("TypeError: payment widget exploded\n    at HTMLButtonElement.onclick (http://[ip]:35225/faro/checkout?utm_source=news:13:83)", // the redactor takes the IP too
            exported.RootElement.GetProperty("stack").GetString());
        Assert.Equal("http://[ip]:35225/faro/checkout?utm_source=news", exported.RootElement.GetProperty("page.url").GetString());
        Assert.DoesNotContain("s3cr3t", line);
        Assert.DoesNotContain("jane", line);
    }

    public static TheoryData<string, byte[], string?, string> MalformedCorpus()
    {
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        var invalidUtf8 = Utf8(FaroFixtures.ForStorefront(FaroFixtures.Exception).Replace("TypeError", "TypeErr#or"));
        invalidUtf8[Array.IndexOf(invalidUtf8, (byte)'#')] = 0xFF;
        var fixture = FaroFixtures.ForStorefront(FaroFixtures.PageLoad);
        return new TheoryData<string, byte[], string?, string>
        {
            { "truncated JSON", Utf8(fixture[..300]), null, "body" },
            { "meta missing", Utf8(FaroFixtures.ForStorefront(fixture, p => p.Remove("meta"))), null, "meta" },
            { "meta a string", Utf8(FaroFixtures.ForStorefront(fixture, p => p["meta"] = "x")), null, "meta" },
            { "session id missing", Utf8(FaroFixtures.ForStorefront(fixture, p => p["meta"]!["session"] = new JsonObject())), null, "meta.session.id" },
            { "events an object", Utf8(FaroFixtures.ForStorefront(fixture, p => p["events"] = new JsonObject())), null, "events" },
            { "measurement value a string", Utf8(FaroFixtures.ForStorefront(fixture, p => p["measurements"]![1]!["values"]!["fcp"] = "slow")), null, "measurements[1].values.fcp" },
            { "timestamp not a time", Utf8(FaroFixtures.ForStorefront(fixture, p => p["events"]![0]!["timestamp"] = "soon")), null, "events[0].timestamp" },
            { "huge app name", Utf8(FaroFixtures.ForStorefront(fixture, p => p["meta"]!["app"]!["name"] = new string('a', 60_000))), null, "meta.app.name" },
            { "deep nesting", Utf8("{\"meta\":" + string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000) + "}"), null, "body" },
            { "invalid UTF-8", invalidUtf8, null, "exceptions[0].type" },
            { "corrupt gzip", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3], "gzip", "body" },
            { "10k logs", Utf8(FaroFixtures.ForStorefront(fixture, p => p["logs"] = new JsonArray(Enumerable.Range(0, 10_000).Select(_ => (JsonNode)new JsonObject()).ToArray()))), null, "body" },
            { "binary noise", Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray(), null, "body" },
            { "empty", [], null, "body" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedCorpus))]
    public async Task Malformed_faro_payloads_get_a_4xx_naming_the_field_never_a_5xx(string _, byte[] body, string? encoding, string field)
    {
        using var response = await CollectAsync(body, encoding: encoding);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains($"\"field\":\"{field}\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await CollectAsync(FaroFixtures.ForStorefront(FaroFixtures.PageLoad))).StatusCode);
    }
}
