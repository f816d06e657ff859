using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RumCollector.Ingest;
using RumCollector.Tests.Support;
using RumOperator.Metrics;

namespace RumCollector.Tests;

/// <summary>The ingest endpoint over real HTTP: transports, answers, and the malformed-beacon corpus.</summary>
public sealed class IngestHttpTests : MountedCollector
{
    [Fact]
    public async Task SendBeacon_text_plain_with_key_in_query_is_accepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/rum?key={Beacons.OldKey}") { Content = new StringContent(Beacons.Example, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", Beacons.Origin);

        using var response = await Server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Gzip_beacons_are_accepted()
    {
        using var response = await Server.PostAsync(Beacons.Gzip(Beacons.Example), change: r => r.Content!.Headers.ContentEncoding.Add("gzip"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("https://shop.example.com", HttpStatusCode.NoContent)]
    [InlineData("https://evil.example.org", HttpStatusCode.Forbidden)]
    public async Task Preflight_answers_only_allowed_origins_and_is_cacheable(string origin, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/rum");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await Server.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.NoContent, response.Headers.Contains("Access-Control-Max-Age"));
        Assert.Equal(expected == HttpStatusCode.NoContent, response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Refusals_answer_with_their_status_and_are_counted()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.PostAsync(Beacons.Example, key: "pk-wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.PostAsync(Beacons.Example, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.PostAsync(Beacons.Example, origin: "https://evil.example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Server.PostAsync(Beacons.Example, contentType: "application/xml")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Server.PostAsync(new byte[70_000])).StatusCode);

        var samples = await Server.MetricsAsync();
        Assert.Equal(2, samples.Sum("rum_beacons_rejected_total", ("reason", "unknown_key")));
        Assert.Equal(1, samples.Sum("rum_beacons_rejected_total", ("reason", "origin_not_allowed")));
        Assert.Equal(1, samples.Sum("rum_beacons_rejected_total", ("reason", "too_large")));
        Assert.Equal(0, samples.Sum(RumMetrics.EventsReceived));
    }

    [Fact]
    public async Task Validation_errors_are_problem_json_naming_each_field()
    {
        using var response = await Server.PostAsync(Beacons.With(b => { b["session"]!["sampleRate"] = 7; b["events"]![2]!["value"] = "slow"; }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var fields = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["session.sampleRate", "events[2].value"], fields);
        Assert.Equal(8, (await Server.MetricsAsync()).Sum(RumMetrics.EventsDropped, ("reason", "invalid")));
    }

    [Fact]
    public async Task A_beacon_for_another_app_than_the_key_is_rejected()
    {
        using var response = await Server.PostAsync(Beacons.With(b => b["app"] = "admin"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"app\"", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, byte[], string?> MalformedCorpus()
    {
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        var invalidUtf8 = Utf8(Beacons.Example.Replace("TypeError", "TypeErr#or"));
        invalidUtf8[Array.IndexOf(invalidUtf8, (byte)'#')] = 0xFF;
        return new TheoryData<string, byte[], string?>
        {
            { "truncated JSON", Utf8(Beacons.Example[..300]), null },
            { "wrong types", Utf8(Beacons.With(b => { b["session"] = "abc"; b["events"] = 5; })), null },
            { "huge strings", Utf8(Beacons.With(b => b["release"] = new string('9', 60_000))), null },
            { "deep nesting", Utf8("{\"v\":1,\"page\":" + string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000) + "}"), null },
            { "invalid UTF-8", invalidUtf8, null },
            { "gzip bomb", Beacons.Gzip(new byte[100_000_000]), "gzip" },
            { "corrupt gzip", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3], "gzip" },
            { "NaN and negative values", Utf8(Beacons.With(b => { b["events"]![2]!["value"] = -1; b["events"]![1]!["status"] = "NaN"; })), null },
            { "10k events", Utf8(Beacons.Events("s", Enumerable.Repeat("""{"type":"x","ts":1}""", 10_000).ToArray())), null },
            { "binary noise", Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray(), null },
            { "empty", [], null },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedCorpus))]
    public async Task Malformed_beacons_get_a_4xx_with_a_reason_and_the_process_stays_alive(string _, byte[] body, string? encoding)
    {
        using var response = await Server.PostAsync(body, change: r => { if (encoding is not null) r.Content!.Headers.ContentEncoding.Add(encoding); });

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("\"title\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await Server.PostAsync(Beacons.Example)).StatusCode);
    }

    [Fact]
    public async Task Unknown_types_and_far_future_timestamps_are_accepted_and_handled()
    {
        var body = Beacons.Events("s-future", """{"type":"hologram","ts":1}""", """{"type":"pageview","ts":99999999999999}""");

        Assert.Equal(HttpStatusCode.Accepted, (await Server.PostAsync(body)).StatusCode);

        var samples = await Server.MetricsAsync();
        Assert.Equal(1, samples.Sum(RumMetrics.EventsDropped, ("reason", "unknown_type")));
        Assert.Equal(1, samples.Sum(RumMetrics.PageViews));
    }

    [Fact]
    public async Task Chunked_body_without_length_is_cut_at_the_limit()
    {
        var content = new StreamContent(new MemoryStream(new byte[5_000_000]));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rum") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Rum-Key", Beacons.Key);

        using var response = await Server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_content_length_shorter_than_the_body_reads_only_what_it_claims()
    {
        using var post = await RawPost.StartAsync(Server.Address, contentLength: 40);
        await post.WriteAsync(Encoding.UTF8.GetBytes(Beacons.Example));

        var answer = await post.AnswerAsync();

        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.Contains("\"field\":\"body\"", answer);
    }

    /// <summary>Half the body first, the rest once the handler holds its slot: the waiting read gets all of it.</summary>
    [Fact]
    public async Task A_body_sent_in_two_parts_is_read_whole()
    {
        var body = Encoding.UTF8.GetBytes(Beacons.Example);
        using var post = await RawPost.StartAsync(Server.Address, body.Length);
        await post.WriteAsync(body.AsMemory(0, body.Length / 2));
        var shedder = Server.Services.GetRequiredService<LoadShedder>();
        await Eventually.TrueAsync(() => shedder.InFlight > 0, "the request holds its slot", TimeSpan.FromSeconds(10));
        await post.WriteAsync(body.AsMemory(body.Length / 2));

        var answer = await post.AnswerAsync();

        Assert.StartsWith("HTTP/1.1 202", answer);
        Assert.True((await Server.MetricsAsync()).Sum(RumMetrics.EventsReceived) > 0);
    }
}
