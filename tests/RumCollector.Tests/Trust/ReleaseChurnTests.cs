using System.Net;
using RumCollector.Metrics;
using RumCollector.Tests.Support;
using RumOperator.Metrics;

namespace RumCollector.Tests.Trust;

/// <summary>The release label follows reality: least recently seen values are evicted with their series; empty beacons admit nothing.</summary>
public sealed class ReleaseChurnTests
{
    private static string WithRelease(string release) => Beacons.With(b => b["release"] = release);
    private static string EmptyWithRelease(string release) => Beacons.With(b => { b["release"] = release; b["events"] = new System.Text.Json.Nodes.JsonArray(); });

    private static HashSet<string> ReleasesOf(IReadOnlyList<Sample> samples) =>
        samples.Where(s => s.Name == RumMetrics.PageViews).Select(s => s.Labels["release"]).ToHashSet();

    [Fact]
    public async Task After_150_releases_and_150_empty_beacons_a_new_release_has_its_own_series()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c =>
        {
            c.Metrics.MaxValuesPerLabel["release"] = 100;
            c.Metrics.MaxSeries = 100_000;
            c.Ingest.ClientRateLimit.EventsPerSecond = 0; // one loopback client sends all 1,200 events
        });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        for (var i = 0; i < 150; i++) Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(WithRelease($"1.0.{i}"))).StatusCode);
        for (var i = 0; i < 150; i++) Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(EmptyWithRelease($"0.0.{i}"))).StatusCode);
        await server.PostAsync(WithRelease("2.0.0"));

        var samples = await server.MetricsAsync();
        var releases = ReleasesOf(samples);
        Assert.Contains("2.0.0", releases);
        Assert.DoesNotContain(RumMetrics.Other, releases);
        Assert.DoesNotContain(releases, r => r.StartsWith("0.0.", StringComparison.Ordinal));
        // The cap still holds: the 51 least recently seen releases are gone from /metrics.
        Assert.Equal(100, releases.Count);
        Assert.DoesNotContain("1.0.0", releases);
        Assert.Contains("1.0.149", releases);
        Assert.Equal(51, samples.Sum(CollectorMetricNames.LabelValuesEvicted, ("label", "release")));
    }

    [Fact]
    public async Task A_live_release_is_never_evicted_by_churn()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c => { c.Metrics.MaxValuesPerLabel["release"] = 5; c.Metrics.LiveReleases = ["1.0.0"]; });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        for (var i = 0; i < 20; i++) await server.PostAsync(WithRelease($"8.8.{i}"));
        await server.PostAsync(WithRelease("1.0.0"));
        for (var i = 0; i < 20; i++) await server.PostAsync(WithRelease($"9.9.{i}"));

        var releases = ReleasesOf(await server.MetricsAsync());
        Assert.Contains("1.0.0", releases);
        Assert.Equal(6, releases.Count);
    }

    [Fact]
    public async Task Empty_beacons_neither_take_release_values_nor_push_out_releases_that_have_events()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c => c.Metrics.MaxValuesPerLabel["release"] = 3);
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        for (var i = 0; i < 20; i++) await server.PostAsync(EmptyWithRelease($"x{i}"));
        foreach (var release in new[] { "a", "b", "c" }) await server.PostAsync(WithRelease(release));
        for (var i = 20; i < 40; i++) await server.PostAsync(EmptyWithRelease($"x{i}"));

        var samples = await server.MetricsAsync();
        Assert.Equal(["a", "b", "c"], ReleasesOf(samples).Order());
        Assert.Equal(0, samples.Sum(CollectorMetricNames.LabelValuesEvicted));
    }
}
