using System.Text;
using RumCollector.Ingest;
using RumCollector.Ingest.Faro;
using RumOperator.Api;

namespace RumCollector.Tests.Faro;

/// <summary>Faro payloads (captured from the real SDK, and malformed ones) → the beacon model.</summary>
public sealed class FaroParserTests
{
    private static BeaconParser.Result Parse(string json) => FaroParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Captured_page_load_maps_meta_session_start_page_view_and_vitals()
    {
        var beacon = Parse(FaroFixtures.PageLoad).Beacon!;

        Assert.Equal("shop", beacon.App);
        Assert.Equal("2.4.1-faro", beacon.Release); // meta.app.version: this app sets no release
        Assert.Equal("9kysPBjhok", beacon.SessionId);
        Assert.StartsWith("http://127.0.0.1:35225/faro/checkout?email=", beacon.PageUrl);
        Assert.Null(beacon.Unmapped);
        // Measurements come first: the receiver reads the arrays in a fixed order, whatever the key order.
        Assert.Equal([EventType.Vital, EventType.Vital, EventType.SessionStart, EventType.PageView], beacon.Events.Select(e => e.Type));
        var view = beacon.Events[3];
        Assert.Equal(200, view.Status);
        Assert.Equal("navigate", view.NavigationType);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T17:27:02.575Z").ToUnixTimeMilliseconds(), view.Ts);
        var ttfb = beacon.Events[0];
        Assert.Equal((VitalName.Ttfb, "TTFB", "good"), (ttfb.Vital!.Value, ttfb.VitalLabel, ttfb.Rating));
        Assert.Equal(164.30000000004657, ttfb.Value);
        Assert.Equal((VitalName.Fcp, 328.0), (beacon.Events[1].Vital!.Value, beacon.Events[1].Value!.Value));
    }

    [Fact]
    public void Captured_exception_becomes_an_error_with_message_and_v8_stack()
    {
        var error = Assert.Single(Parse(FaroFixtures.Exception).Beacon!.Events);

        Assert.Equal(EventType.Error, error.Type);
        Assert.Equal("js", error.Kind);
        Assert.Equal("TypeError: payment widget exploded", error.Message);
        Assert.Equal("TypeError: payment widget exploded\n    at HTMLButtonElement.onclick "
            + "(http://127.0.0.1:35225/faro/checkout?email=jane%40example.com&utm_source=news&token=s3cr3t:13:83)", error.Stack);
    }

    [Fact]
    public void Logs_spans_and_unknown_events_and_measurements_are_counted_as_not_mapped_and_give_the_trace()
    {
        var beacon = Parse("""
            {"meta":{"app":{"name":"shop","release":"r1"},"session":{"id":"s1"}},
             "logs":[{"message":"hello","level":"info","timestamp":"2026-12-01T17:20:00Z",
                      "trace":{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7"}},{"message":"again"}],
             "events":[{"name":"view_changed","attributes":{"view":"cart"}},{"name":"session_start"}],
             "measurements":[{"type":"custom","values":{"cart_items":3}},{"type":"web-vitals","values":{"delta":1}}],
             "traces":{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331"}]}]}]}}
            """).Beacon!;

        Assert.Equal(EventType.SessionStart, Assert.Single(beacon.Events).Type);
        Assert.Equal(new Dictionary<string, int> { ["faro_log"] = 2, ["faro_event"] = 1, ["faro_measurement"] = 2, ["faro_span"] = 1 }, beacon.Unmapped);
        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", beacon.Traceparent);
        Assert.Equal("r1", beacon.Release);
    }

    [Fact]
    public void Resource_events_and_the_other_vitals_map_with_party_from_the_page_host()
    {
        var beacon = Parse("""
            {"meta":{"app":{"name":"shop"},"session":{"id":"s1"},"page":{"url":"https://shop.example.com/cart"}},
             "events":[{"name":"faro.performance.resource","attributes":{"name":"https://cdn.other.net/a.js","initiatorType":"script","duration":"12.5","responseStatus":"404"}},
                       {"name":"faro.performance.resource","attributes":{"name":"https://shop.example.com/app.css","initiatorType":"link","duration":"3"}}],
             "measurements":[{"type":"web-vitals","values":{"lcp":1200,"delta":1200},"context":{"rating":"needs-improvement","id":"v6-1"}},
                             {"type":"web-vitals","values":{"cls":0.12}},{"type":"web-vitals","values":{"inp":88}},{"type":"web-vitals","values":{"fid":4}}]}
            """).Beacon!;

        var third = beacon.Events.First(e => e.Type == EventType.Resource);
        Assert.Equal(("https://cdn.other.net/a.js", "script", 12.5, 404, "third"), (third.Url, third.Initiator, third.Duration!.Value, third.Status!.Value, third.Party));
        Assert.Equal("first", beacon.Events.Where(e => e.Type == EventType.Resource).Last().Party);
        var vitals = beacon.Events.Where(e => e.Type == EventType.Vital).ToList();
        Assert.Equal(["LCP", "CLS", "INP", "FID"], vitals.Select(v => v.VitalLabel));
        Assert.Equal(("needs-improvement", "v6-1"), (vitals[0].Rating, vitals[0].Name));
        Assert.Null(vitals[3].Vital); // FID has no histogram; it is exported, as from our SDK
    }

    [Fact]
    public void Unhandled_rejections_keep_their_kind()
    {
        var beacon = Parse("""{"meta":{"app":{"name":"shop"},"session":{"id":"s1"}},"exceptions":[{"type":"UnhandledRejection","value":"Non-Error promise rejection captured with value: 42"}]}""").Beacon!;
        Assert.Equal("unhandledrejection", Assert.Single(beacon.Events).Kind);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "body" },
        { "{", "body" },
        { "[]", "body" },
        { "\"meta\"", "body" },
        { "{}", "meta" },
        { """{"meta":[]}""", "meta" },
        { """{"meta":{"session":{"id":"s"}}}""", "meta.app" },
        { """{"meta":{"app":{},"session":{"id":"s"}}}""", "meta.app.name" },
        { """{"meta":{"app":{"name":7},"session":{"id":"s"}}}""", "meta.app.name" },
        { """{"meta":{"app":{"name":"shop","version":"1 beta (build 5)"},"session":{"id":"s"}}}""", "meta.app.version" },
        { """{"meta":{"app":{"name":"shop","release":"a/b"},"session":{"id":"s"}}}""", "meta.app.release" },
        { """{"meta":{"app":{"name":"shop"}}}""", "meta.session" },
        { """{"meta":{"app":{"name":"shop"},"session":{}}}""", "meta.session.id" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"},"page":{"url":5}}}""", "meta.page.url" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"},"user":{"id":{"x":1}}}}""", "meta.user.id" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"exceptions":{}}""", "exceptions" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"exceptions":[1]}""", "exceptions[0]" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"exceptions":[{"type":"E","timestamp":"yesterday"}]}""", "exceptions[0].timestamp" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"exceptions":[{"type":"E","stacktrace":{"frames":[{"lineno":"x"}]}}]}""", "exceptions[0].stacktrace.frames[0].lineno" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"exceptions":[{"type":"E","stacktrace":{"frames":{}}}]}""", "exceptions[0].stacktrace.frames" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"measurements":[{"type":"web-vitals","values":{"lcp":-1}}]}""", "measurements[0].values.lcp" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"measurements":[{"type":"web-vitals","values":{"lcp":"fast"}}]}""", "measurements[0].values.lcp" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"measurements":[{"type":"web-vitals","values":{"cls":1e300}}]}""", "measurements[0].values.cls" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"measurements":[{"type":"web-vitals","values":[]}]}""", "measurements[0].values" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"events":[{"attributes":{}}]}""", "events[0].name" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"events":[{"name":"faro.performance.navigation","attributes":{"responseStatus":"OK"}}]}""", "events[0].attributes.responseStatus" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"events":[{"name":"faro.performance.resource","attributes":{"duration":"-5"}}]}""", "events[0].attributes.duration" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"events":[{"name":"faro.performance.resource","attributes":{"duration":12}}]}""", "events[0].attributes.duration" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"logs":"x"}""", "logs" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"traces":{"resourceSpans":[{"scopeSpans":[{"spans":[1]}]}]}}""", "traces.resourceSpans[0].scopeSpans[0].spans" },
        { """{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"traces":[]}""", "traces" },
        { "{\"meta\":" + new string('[', 40) + new string(']', 40) + "}", "body" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_payloads_are_refused_naming_the_field(string json, string field)
    {
        var result = Parse(json);

        Assert.Null(result.Beacon);
        Assert.Contains(result.Errors, e => e.Field == field);
    }

    [Fact]
    public void More_items_than_a_beacon_may_hold_are_refused()
    {
        var logs = string.Join(",", Enumerable.Repeat("""{"message":"x"}""", BeaconLimits.MaxEvents + 1));
        var result = Parse("""{"meta":{"app":{"name":"shop"},"session":{"id":"s"}},"logs":[""" + logs + "]}");

        Assert.Null(result.Beacon);
        Assert.Equal(BeaconLimits.MaxEvents + 1, result.EventCount);
        Assert.Contains("at most 1000", Assert.Single(result.Errors).Reason);
    }
}
