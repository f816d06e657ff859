using System.Net;
using System.Text.Json.Nodes;
using RumCollector.Metrics;
using RumCollector.Tests.Support;
using RumOperator.Metrics;

namespace RumCollector.Tests.Trust;

/// <summary>A beacon's weight (1/sampleRate) is bounded by the pipeline's configuration, never by the client's claim alone.</summary>
public sealed class ForgedWeightTests
{
    /// <summary>The attack of issue 11: one beacon claiming sampleRate 0.001 with 50 error page views.</summary>
    private static string Forged(int pageViews = 50) => Beacons.With(b =>
    {
        b["session"]!["sampleRate"] = 0.001;
        b["events"] = new JsonArray([.. Enumerable.Range(0, pageViews).Select(i =>
            (JsonNode)new JsonObject { ["type"] = "pageview", ["ts"] = 1764070000100 + i, ["outcome"] = "error" })]);
    });

    private static double ErrorPageViews(IReadOnlyList<Sample> samples) => samples.Sum(RumMetrics.PageViews, ("outcome", "error"));

    [Fact]
    public async Task Without_a_configured_sample_rate_a_claimed_rate_of_0_001_weighs_1()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c =>
        {
            c.Apps.ForEach(a => a.SampleRate = null);
            c.Ingest.MaxEventsPerBeacon["pageview"] = 100;
        });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(Forged())).StatusCode);

        var samples = await server.MetricsAsync();
        Assert.Equal(50, ErrorPageViews(samples), 9);
        Assert.Equal(1, samples.Sum(CollectorMetricNames.SampleRateBounded));
    }

    [Fact]
    public async Task A_claim_below_the_apps_configured_rate_counts_at_the_configured_rate()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c =>
        {
            c.Apps.ForEach(a => a.SampleRate = 0.1);
            c.Ingest.MaxEventsPerBeacon["pageview"] = 100;
        });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        await server.PostAsync(Forged());
        // An honest beacon at the configured rate keeps its weight.
        await server.PostAsync(Beacons.With(b => b["session"]!["sampleRate"] = 0.1));

        var samples = await server.MetricsAsync();
        Assert.Equal(500, ErrorPageViews(samples), 9);
        Assert.Equal(10, samples.Sum(RumMetrics.PageViews, ("outcome", "ok")), 9);
        Assert.Equal(1, samples.Sum(CollectorMetricNames.SampleRateBounded));
    }

    [Fact]
    public async Task With_the_default_caps_fifty_page_views_in_one_beacon_are_refused_naming_the_field()
    {
        using var dir = new TempDir();
        await using var server = await CollectorServer.StartMountedAsync(dir, TestConfig.Example());

        var response = await server.PostAsync(Forged());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal("events", (string?)error["field"]);
        Assert.Contains("50 pageview events", (string?)error["reason"]);
        Assert.Contains("ingest.maxEventsPerBeacon.pageview", (string?)error["reason"]);
        var samples = await server.MetricsAsync();
        Assert.Equal(0, ErrorPageViews(samples));
        Assert.Equal(50, samples.Sum(RumMetrics.EventsDropped, ("reason", DropReason.OverBeaconCap)));
    }
}
