using System.Text;
using RumCollector.Enrichment;
using RumCollector.Ingest;
using RumCollector.Privacy;
using RumCollector.Tests.Support;

namespace RumCollector.Tests;

/// <summary>
/// The streaming parser keeps the rules of a document parser: the last of repeated properties wins,
/// escaped names and values mean what they spell, and a syntax error anywhere voids the field errors.
/// </summary>
public sealed class BeaconStreamingParserTests
{
    private static BeaconParser.Result Parse(string json) => BeaconParser.Parse(Encoding.UTF8.GetBytes(json));

    private static string Beacon(string head, string events = """{"type":"session_start","ts":1}""") =>
        $$"""{"v":1,{{head}},"session":{"id":"s1"},"events":[{{events}}]}""";

    [Fact]
    public void The_last_of_repeated_properties_wins_and_only_its_value_is_checked()
    {
        var beacon = Parse(Beacon("""  "app":42,"app":"storefront" """)).Beacon!;

        Assert.Equal("storefront", beacon.App);
        Assert.Contains(Parse(Beacon(""" "app":"storefront","app":42 """)).Errors, e => e.Field == "app" && e.Reason == "must be a string");
    }

    [Fact]
    public void A_repeated_object_replaces_the_earlier_one_whole()
    {
        var result = Parse("""{"v":1,"app":"a","session":{"id":"s1","sampleRate":0.5},"session":{"id":"s2"},"events":[]}""");

        Assert.Equal("s2", result.Beacon!.SessionId);
        Assert.Equal(1, result.Beacon.SampleRate);
    }

    [Fact]
    public void A_repeated_events_array_replaces_the_earlier_events_and_their_errors()
    {
        var result = Parse("""{"v":1,"app":"a","session":{"id":"s"},"events":[{"type":"vital"}],"events":[{"type":"pageview","ts":5}]}""");

        Assert.Empty(result.Errors);
        Assert.Equal(EventType.PageView, Assert.Single(result.Beacon!.Events).Type);
    }

    [Fact]
    public void Escaped_property_names_and_values_mean_what_they_spell()
    {
        var result = Parse("""{"\u0076":1,"\u0061pp":"st\u006frefront","session":{"id":"s1","consent":"\u0067ranted"},"events":[{"t\u0079pe":"pagevie\u0077","ts":1,"outcome":"\u006fk"}]}""");

        var beacon = result.Beacon!;
        Assert.Equal("storefront", beacon.App);
        Assert.Equal(ConsentState.Granted, beacon.Consent);
        Assert.Equal("ok", Assert.Single(beacon.Events).Outcome);
    }

    /// <summary>Every character escaped: six bytes of text per byte of name, the longest spelling a known name can have.</summary>
    [Fact]
    public void Fully_escaped_property_names_are_matched()
    {
        static string Escape(string name) => string.Concat(name.Select(c => $"\\u{(int)c:x4}"));
        var result = Parse($$"""{"v":1,"app":"a","{{Escape("release")}}":"2.0","session":{"id":"s"},"events":[{"type":"pageview","ts":1,"{{Escape("navigationType")}}":"reload"}]}""");

        Assert.Empty(result.Errors);
        Assert.Equal("2.0", result.Beacon!.Release);
        Assert.Equal("reload", Assert.Single(result.Beacon.Events).NavigationType);
    }

    [Fact]
    public void A_lone_surrogate_in_an_enum_field_is_invalid_text_not_a_crash()
    {
        var result = Parse(Beacon(""" "app":"a" """, """{"type":"\uD800","ts":1}"""));

        Assert.Equal(new FieldError("events[0].type", "is not valid UTF-8"), Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData("1764070000100", 1764070000100)]
    [InlineData("999999999999999", 999999999999999)]
    [InlineData("1.5e3", 1500)]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    public void Timestamps_parse_to_the_same_value_by_the_integer_shortcut_or_the_float_parser(string ts, long expected)
    {
        var beacon = Parse(Beacon(""" "app":"a" """, $$"""{"type":"pageview","ts":{{ts}},"status":200}""")).Beacon!;

        Assert.Equal(expected, beacon.Events[0].Ts);
        Assert.Equal(200, beacon.Events[0].Status);
    }

    [Fact]
    public void Integers_too_long_for_the_shortcut_still_range_check()
    {
        var result = Parse(Beacon(""" "app":"a" """, """{"type":"pageview","ts":1000000000000001}"""));

        Assert.Equal("events[0].ts", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("""{"v":"x","app":1,"session":{},"events":[]""")]
    [InlineData("""{"v":"x","app":1,"session":{},"events":[]} []""")]
    [InlineData("""{"v":"x","app":1,"session":{},"events":[{"type":"error",}]}""")]
    public void A_syntax_error_after_bad_fields_reports_only_the_body(string json)
    {
        Assert.Equal("body", Assert.Single(Parse(json).Errors).Field);
    }

    [Fact]
    public void Events_beyond_the_limit_are_counted_without_being_checked()
    {
        var events = Enumerable.Repeat("""{"type":"vital"}""", BeaconLimits.MaxEvents + 1).ToArray();

        var result = Parse(Beacons.Events("s", events));

        Assert.Equal(BeaconLimits.MaxEvents + 1, result.EventCount);
        Assert.Equal("events", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("/product//123/", "/product/:id")]
    [InlineData("/PRODUCT/new", "/product/new")]
    [InlineData("/docs/a/b/c", "/docs/*")]
    [InlineData("/product/1/extra", "__other__")]
    [InlineData("/", "/")]
    public void Route_templates_match_path_segments_ignoring_empty_ones(string path, string expected)
    {
        var resolver = new RouteResolver(["/", "/product/:id", "/product/new", "/cart", "/docs/*"]);

        Assert.Equal(expected, resolver.Resolve(null, path));
    }

    [Theory]
    [InlineData("/cart?utm%5Fsource=x&b=1", "/cart?utm%5Fsource=x")]
    [InlineData("/cart?&&b=1&utm_source=y&", "/cart?utm_source=y")]
    [InlineData("https://shop.example.com/c#frag?utm_source=x", "https://shop.example.com/c")]
    public void Allowlisted_query_names_are_compared_unescaped_and_pairs_kept_as_sent(string url, string expected)
    {
        var sanitizer = new UrlSanitizer(["utm_source"], new Redactor([]));

        Assert.Equal(expected, sanitizer.Sanitize(url));
    }

    [Fact]
    public void A_traceparent_with_fields_of_a_later_version_still_yields_its_trace_id()
    {
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", TraceParent.TraceId(" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future-x "));
    }
}

/// <summary>The closed-set lookup: every value found by its bytes, nothing else found, colliding values chained.</summary>
public sealed class ClosedSetTests
{
    [Fact]
    public void Every_value_is_found_and_nothing_else_is()
    {
        // Same length, first, middle and last bytes: no multiplier separates these, so they share a chain.
        var set = new RumCollector.Ingest.Json.ClosedSet("axbxd", "aybyd", "", "type", "ts", "type", "groupFirstInSession", "\u00e9t\u00e9");

        Assert.Equal(0, set.IndexOf("axbxd"u8));
        Assert.Equal(1, set.IndexOf("aybyd"u8));
        Assert.Equal(2, set.IndexOf(""u8));
        Assert.Equal(3, set.IndexOf("type"u8));
        Assert.Equal(6, set.IndexOf("groupFirstInSession"u8));
        Assert.Equal(7, set.IndexOf(System.Text.Encoding.UTF8.GetBytes("\u00e9t\u00e9")));
        foreach (var other in new[] { "azbzd", "Type", "typ", "types", "groupFirstInSessioN", "t", "tz" })
            Assert.Equal(-1, set.IndexOf(System.Text.Encoding.UTF8.GetBytes(other)));
    }
}
