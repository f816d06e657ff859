using Microsoft.Extensions.Time.Testing;
using RumCollector.Sampling;
using RumCollector.Tests.Support;
using RumOperator.Api;
using RumOperator.CollectorConfig;

namespace RumCollector.Tests;

public sealed class SamplingTests
{
    private static readonly Dictionary<string, double> NoVitals = [];

    private static SamplingInput Input(string session, string route = "/cart", bool error = false, Dictionary<string, double>? vitals = null) =>
        new("storefront", route, "2.3.1", session, error, vitals ?? NoVitals, 10);

    private static CollectorSampling Rules(params (string? Route, double Rate)[] rules) => new()
    {
        Rules = rules.Select(r => new CollectorSamplingRule { Match = new SamplingMatch { Route = r.Route }, SessionSampleRate = r.Rate }).ToList(),
        AlwaysKeepErrors = true,
        AlwaysKeepSlowerThan = new() { ["lcp"] = 4 },
    };

    public static TheoryData<string, double> SharedVectors()
    {
        var data = new TheoryData<string, double>();
        using var fixture = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "contracts", "Fixtures", "session-hash.json")));
        foreach (var v in fixture.RootElement.GetProperty("vectors").EnumerateArray())
            data.Add(v.GetProperty("id").GetString()!, v.GetProperty("point").GetDouble());
        return data;
    }

    /// <summary>The SDK's test suite checks the same vectors: both sides sample a session the same way.</summary>
    [Theory]
    [MemberData(nameof(SharedVectors))]
    public void Session_hash_agrees_with_the_SDK_on_the_shared_vectors(string id, double point) =>
        Assert.Equal(point, SessionHash.UnitInterval(id));

    [Fact]
    public void Session_hash_is_stable_and_uniform()
    {
        Assert.Equal(SessionHash.UnitInterval("7f9c2d1e"), SessionHash.UnitInterval("7f9c2d1e"));
        var values = Enumerable.Range(0, 20_000).Select(i => SessionHash.UnitInterval($"session-{i}")).ToList();
        Assert.All(values, v => Assert.InRange(v, 0, 1 - double.Epsilon));
        Assert.InRange(values.Count(v => v < 0.1) / 20_000.0, 0.09, 0.11);
        Assert.InRange(values.Average(), 0.49, 0.51);
    }

    [Theory]
    [InlineData("/checkout", 1.0)]
    [InlineData("/checkout/pay", 1.0)]
    [InlineData("/cart", 0.1)]
    public void First_matching_rule_sets_the_rate(string route, double expected)
    {
        var sampler = new SessionSampler(Rules(("/checkout*", 1.0), (null, 0.1)), adaptive: null);
        Assert.Equal(expected, sampler.RuleRate(Input("s", route)));
    }

    [Fact]
    public void A_session_is_kept_or_dropped_whole_and_at_the_rule_rate()
    {
        var sampler = new SessionSampler(Rules((null, 0.2)), adaptive: null);
        var sessions = Enumerable.Range(0, 5000).Select(i => $"s{i}").ToList();

        var first = sessions.Select(s => sampler.Keep(Input(s))).ToList();
        var again = sessions.Select(s => new SessionSampler(Rules((null, 0.2)), null).Keep(Input(s, route: "/other"))).ToList();

        Assert.Equal(first, again);
        Assert.InRange(first.Count(k => k) / 5000.0, 0.17, 0.23);
    }

    [Fact]
    public void Errors_and_slow_vitals_are_always_kept()
    {
        var sampler = new SessionSampler(Rules((null, 0)), adaptive: null);

        Assert.False(sampler.Keep(Input("s1")));
        Assert.True(sampler.Keep(Input("s1", error: true)));
        Assert.True(sampler.Keep(Input("s1", vitals: new() { ["lcp"] = 4.5 })));
        Assert.False(sampler.Keep(Input("s1", vitals: new() { ["lcp"] = 3.9 })));
    }

    [Fact]
    public void Adaptive_rate_steers_toward_the_target_and_not_below_min_rate()
    {
        var time = new FakeTimeProvider();
        var adaptive = new AdaptiveRate(new AdaptiveSpec { TargetEventsPerSecond = 100, MinRate = 0.05 }, time);
        for (var second = 0; second < 10; second++)
        {
            adaptive.Observe(1000); // ten times the target
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.InRange(adaptive.Factor, 0.099, 0.12);

        for (var second = 0; second < 10; second++)
        {
            adaptive.Observe(1_000_000);
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(0.05, adaptive.Factor, 6);

        for (var second = 0; second < 20; second++)
        {
            adaptive.Observe(10);
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(1, adaptive.Factor, 3);
    }

    [Fact]
    public void Adaptive_sampling_exports_fewer_sessions_under_load()
    {
        var time = new FakeTimeProvider();
        var config = Rules((null, 1.0));
        config.Adaptive = new AdaptiveSpec { TargetEventsPerSecond = 1000, MinRate = 0.01 };
        var sampler = new SessionSampler(config, new AdaptiveRate(config.Adaptive, time));
        var kept = 0;
        for (var second = 0; second < 20; second++)
        {
            // 1000 beacons of 10 events per second: ten times the target.
            for (var i = 0; i < 1000; i++) kept += sampler.Keep(Input($"{second}-{i}")) ? 1 : 0;
            time.Advance(TimeSpan.FromSeconds(1));
        }
        var lastSecond = Enumerable.Range(0, 1000).Count(i => sampler.Keep(Input($"last-{i}")));

        Assert.InRange(lastSecond, 60, 160);
    }
}
