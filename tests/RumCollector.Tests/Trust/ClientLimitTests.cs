using System.Net;
using Microsoft.Extensions.Time.Testing;
using RumCollector.Ingest;
using RumCollector.Metrics;
using RumCollector.Tests.Support;
using RumOperator.Api;
using RumOperator.Metrics;

namespace RumCollector.Tests.Trust;

/// <summary>Per-client token buckets beside the per-key ones, with X-Forwarded-For read only from trusted proxies.</summary>
public sealed class ClientLimitTests
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void A_client_address_has_its_own_bucket_refilled_over_time()
    {
        var time = new FakeTimeProvider();
        var limiter = new ClientRateLimiter(new ClientRateLimitSpec { EventsPerSecond = 10, Burst = 20 }, time);

        Assert.True(limiter.TryEvents(Client, 20).Allowed);
        var refused = limiter.TryEvents(Client, 5);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(0.5), refused.RetryAfter);
        Assert.True(limiter.TryEvents(IPAddress.Parse("203.0.113.8"), 20).Allowed);

        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(limiter.TryEvents(Client, 5).Allowed);
    }

    [Fact]
    public void IPv6_clients_share_the_bucket_of_their_64_prefix()
    {
        var limiter = new ClientRateLimiter(new ClientRateLimitSpec { EventsPerSecond = 1, Burst = 10 }, new FakeTimeProvider());

        Assert.True(limiter.TryEvents(IPAddress.Parse("2001:db8:1:2::1"), 10).Allowed);
        Assert.False(limiter.TryEvents(IPAddress.Parse("2001:db8:1:2:ffff::9"), 1).Allowed);
        Assert.True(limiter.TryEvents(IPAddress.Parse("2001:db8:1:3::1"), 1).Allowed);
    }

    [Fact]
    public void The_table_of_addresses_is_bounded_forgetting_the_least_recently_seen()
    {
        var limiter = new ClientRateLimiter(new ClientRateLimitSpec { EventsPerSecond = 1, Burst = 1, MaxClients = 100 }, new FakeTimeProvider());

        for (var i = 0; i < 100_000; i++) limiter.TryEvents(new IPAddress(BitConverter.GetBytes(i)), 1);

        Assert.Equal(100, limiter.Tracked);
    }

    [Theory]
    [InlineData("", "10.1.2.3", "203.0.113.9", "10.1.2.3")] // no trusted proxies: the header is ignored
    [InlineData("10.0.0.0/8", "198.51.100.1", "203.0.113.9", "198.51.100.1")] // an untrusted peer cannot name another client
    [InlineData("10.0.0.0/8", "10.1.2.3", "203.0.113.9", "203.0.113.9")]
    [InlineData("10.0.0.0/8", "10.1.2.3", "1.1.1.1, 203.0.113.9, 10.9.9.9", "203.0.113.9")] // forged left entries are never reached
    [InlineData("10.0.0.0/8", "10.1.2.3", "not-an-address", "10.1.2.3")]
    [InlineData("10.0.0.0/8,2001:db8::/32", "10.1.2.3", "[2001:db8::5]:443, 2001:db9::1", "2001:db9::1")]
    public void The_client_is_the_right_most_address_not_a_trusted_proxy(string trusted, string remote, string forwardedFor, string expected)
    {
        var resolver = new ClientAddressResolver(trusted.Split(',', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(IPAddress.Parse(expected), resolver.Resolve(IPAddress.Parse(remote), forwardedFor));
    }

    [Fact]
    public async Task Over_its_bucket_a_client_gets_429_and_forged_forwarded_for_headers_do_not_help()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c => c.Ingest.ClientRateLimit = new ClientRateLimitSpec { EventsPerSecond = 1, Burst = 10 });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        var first = await server.PostAsync(Beacons.Example);
        var forged = await server.PostAsync(Beacons.Example, change: r => r.Headers.Add("X-Forwarded-For", "198.51.100.77"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, forged.StatusCode);
        Assert.True(forged.Headers.Contains("Retry-After"));
        var samples = await server.MetricsAsync();
        Assert.Equal(8, samples.Sum(RumMetrics.EventsDropped, ("reason", DropReason.ClientRateLimited)));
        // The key's own bucket was not charged for the refused beacon.
        Assert.Equal(0, samples.Sum(RumMetrics.EventsDropped, ("reason", DropReason.RateLimited)));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket()
    {
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c =>
        {
            c.Ingest.ClientRateLimit = new ClientRateLimitSpec { EventsPerSecond = 1, Burst = 10 };
            c.Ingest.TrustedProxies = ["127.0.0.0/8", "::1"];
        });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        var a = await server.PostAsync(Beacons.Example, change: r => r.Headers.Add("X-Forwarded-For", "198.51.100.1"));
        var b = await server.PostAsync(Beacons.Example, change: r => r.Headers.Add("X-Forwarded-For", "198.51.100.2"));
        var aAgain = await server.PostAsync(Beacons.Example, change: r => r.Headers.Add("X-Forwarded-For", "198.51.100.1"));

        Assert.Equal(HttpStatusCode.Accepted, a.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, b.StatusCode);
        Assert.Equal((HttpStatusCode)429, aAgain.StatusCode);
    }
}
