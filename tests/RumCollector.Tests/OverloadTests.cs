using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RumCollector.Ingest;
using RumCollector.Tests.Support;
using RumOperator.Metrics;

namespace RumCollector.Tests;

public sealed class OverloadTests
{
    [Fact]
    public async Task A_key_over_its_event_budget_gets_429_with_retry_after()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c => c.Ingest.RateLimit = new() { EventsPerSecondPerKey = 1, Burst = 10 });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        var first = await server.PostAsync(Beacons.Example);
        var second = await server.PostAsync(Beacons.Example);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.True(int.Parse(second.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(8, (await server.MetricsAsync()).Sum(RumMetrics.EventsDropped, ("reason", "rate_limited")));
        // Another key of the same app during rotation has its own bucket.
        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(Beacons.Example, key: Beacons.OldKey)).StatusCode);
    }

    [Fact]
    public async Task A_key_over_its_byte_budget_gets_429()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c => { c.Ingest.RateLimit.BytesPerSecondPerKey = 1; c.Ingest.MaxBeaconBytes = 2048; });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(Beacons.Example)).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await server.PostAsync(Beacons.Example)).StatusCode);
    }

    [Fact]
    public async Task Beyond_max_in_flight_the_collector_sheds_with_503()
    {
        using var dir = new TempDir();
        await using var server = await CollectorServer.StartMountedAsync(dir, TestConfig.Example(), "--max-in-flight", "1");
        // A client that sends headers and half its body, then stalls: it holds the only slot.
        using var stalled = await RawPost.StartAsync(server.Address, contentLength: 100, closeAfter: false);
        await stalled.WriteAsync("{\"v\":1,"u8.ToArray());
        var shedder = server.Services.GetRequiredService<LoadShedder>();
        await Eventually.TrueAsync(() => shedder.InFlight > 0, "the stalled request holds the slot", TimeSpan.FromSeconds(10));

        var shed = await server.PostAsync(Beacons.Example);
        stalled.Dispose();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        Assert.True(shed.Headers.Contains("Retry-After"));
        await Eventually.TrueAsync(() => shedder.InFlight == 0, "the slot is free again", TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(Beacons.Example)).StatusCode);
        Assert.Equal(1, (await server.MetricsAsync()).Sum("rum_beacons_rejected_total", ("reason", "overloaded")));
    }
}
