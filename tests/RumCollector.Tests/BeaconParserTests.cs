using System.Text;
using RumCollector.Ingest;
using RumCollector.Tests.Support;
using RumOperator.Api;

namespace RumCollector.Tests;

public sealed class BeaconParserTests
{
    private static BeaconParser.Result Parse(string json) => BeaconParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_example_beacon_parses_into_typed_events()
    {
        var beacon = Parse(Beacons.Example).Beacon!;

        Assert.Equal("storefront", beacon.App);
        Assert.Equal(0.25, beacon.SampleRate);
        Assert.Equal(8, beacon.Events.Count);
        var lcp = beacon.Events.Single(e => e.Vital == VitalName.Lcp);
        Assert.Equal(2310.5, lcp.Value);
        Assert.Equal(1764070002500, lcp.Ts);
        Assert.True(beacon.Events.Single(e => e.Type == EventType.Error).FirstInSession);
        Assert.Equal("/product/:id", beacon.PageRoute);
    }

    [Fact]
    public void Unknown_event_types_are_counted_not_failed()
    {
        var result = Parse(Beacons.Events("s1", """{"type":"session_start","ts":1}""", """{"type":"hologram","ts":1,"x":{"y":1}}"""));

        Assert.Empty(result.Errors);
        Assert.Single(result.Beacon!.Events);
        Assert.Equal(1, result.Beacon.UnknownEvents);
    }

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "truncated JSON", Beacons.Example[..200], "body" },
        { "not an object", "[1,2,3]", "body" },
        { "empty body", "", "body" },
        { "version missing", Beacons.With(b => b.Remove("v")), "v" },
        { "unsupported version", Beacons.With(b => b["v"] = 9), "v" },
        { "app wrong type", Beacons.With(b => b["app"] = 42), "app" },
        { "session missing", Beacons.With(b => b.Remove("session")), "session" },
        { "session id missing", Beacons.With(b => b["session"]!.AsObject().Remove("id")), "session.id" },
        { "sample rate zero", Beacons.With(b => b["session"]!["sampleRate"] = 0), "session.sampleRate" },
        { "sample rate above one", Beacons.With(b => b["session"]!["sampleRate"] = 4), "session.sampleRate" },
        { "sample rate as text NaN", Beacons.With(b => b["session"]!["sampleRate"] = "NaN"), "session.sampleRate" },
        { "consent unknown value", Beacons.With(b => b["session"]!["consent"] = "maybe"), "session.consent" },
        { "events not an array", Beacons.With(b => b["events"] = "lots"), "events" },
        { "negative vital", Beacons.With(b => b["events"]![2]!["value"] = -5), "events[2].value" },
        { "vital value as string", Beacons.With(b => b["events"]![2]!["value"] = "2.3s"), "events[2].value" },
        { "vital value absurd", Beacons.With(b => b["events"]![2]!["value"] = 1e300), "events[2].value" },
        { "unknown vital name", Beacons.With(b => b["events"]![2]!["name"] = "XYZ"), "events[2].name" },
        { "negative ts", Beacons.With(b => b["events"]![0]!["ts"] = -1), "events[0].ts" },
        { "error kind missing", Beacons.With(b => b["events"]![4]!.AsObject().Remove("kind")), "events[4].kind" },
        { "status fractional", Beacons.With(b => b["events"]![1]!["status"] = 200.5), "events[1].status" },
        { "transaction outcome invalid", Beacons.With(b => b["events"]![7]!["outcome"] = "meh"), "events[7].outcome" },
        { "event not an object", Beacons.With(b => b["events"]![0] = 7), "events[0]" },
        { "huge session id", Beacons.With(b => b["session"]!["id"] = new string('x', 100_000)), "session.id" },
        { "release with spaces", Beacons.With(b => b["release"] = "v1 jane@example.com"), "release" },
        { "deep nesting", "{\"v\":1,\"x\":" + new string('[', 5000) + new string(']', 5000) + "}", "body" },
        { "too many events", Beacons.Events("s", Enumerable.Repeat("""{"type":"pageview","ts":1}""", 10_000).ToArray()), "events" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_beacons_are_rejected_naming_the_field(string _, string body, string field)
    {
        var result = Parse(body);

        Assert.Null(result.Beacon);
        Assert.Contains(result.Errors, e => e.Field == field);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
    }

    [Fact]
    public void Invalid_utf8_is_rejected_not_thrown()
    {
        var bytes = Encoding.UTF8.GetBytes(Beacons.Example.Replace("TypeError", "TypeErr\u0001or"));
        var index = Array.IndexOf(bytes, (byte)1);
        bytes[index] = 0xC3; // a lead byte followed by 'o' (not a continuation byte)
        var result = BeaconParser.Parse(bytes);

        Assert.Null(result.Beacon);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Long_free_text_is_cut_not_rejected()
    {
        var result = Parse(Beacons.With(b => b["events"]![4]!["message"] = new string('m', 50_000)));

        Assert.Equal(BeaconLimits.MaxMessageLength, result.Beacon!.Events.Single(e => e.Type == EventType.Error).Message!.Length);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var result = Parse(Beacons.With(b =>
        {
            b["app"] = 1;
            b["session"]!["sampleRate"] = -1;
            b["events"]![2]!["value"] = "x";
        }));

        Assert.Equal(["app", "session.sampleRate", "events[2].value"], result.Errors.Select(e => e.Field));
    }
}
