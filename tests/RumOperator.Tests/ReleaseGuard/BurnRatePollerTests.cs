using RumOperator.PrometheusApi;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RumOperator.ReleaseGuard;
using RumOperator.Slo;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard;

public class BurnRatePollerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static string Vector(params (string Release, double Value)[] series) => new JsonObject
    {
        ["status"] = "success",
        ["data"] = new JsonObject
        {
            ["resultType"] = "vector",
            ["result"] = new JsonArray([.. series.Select(s => (JsonNode)new JsonObject
            {
                ["metric"] = new JsonObject { ["release"] = s.Release, ["slo"] = "checkout-errors", ["namespace"] = Ns },
                ["value"] = new JsonArray(1748779200.0, s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            })]),
        },
    }.ToJsonString();

    private static string Query(RecordingHandler.Received r) => WebUtility.UrlDecode(System.Text.Encoding.UTF8.GetString(r.Body)["query=".Length..]);

    /// <summary>A Prometheus where release 2.0 pages at 27.5x; 812 events for 2.0, 4000 for 1.0.</summary>
    private static RecordingHandler Prometheus() => new()
    {
        JsonAnswer = body => body.Contains("slo%3Arum_burn_rate") ? Vector(("2.0", 27.5)) : Vector(("2.0", 812), ("1.0", 4000)),
    };

    private static GuardWorld World(RecordingHandler prometheus) => new(
        new ReleaseGuardOptions { PrometheusUrl = new Uri("http://prometheus.test:9090"), PollInterval = Interval },
        services => services.AddHttpClient(PrometheusServices.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => prometheus));

    [Fact]
    public async Task Poll_evaluates_the_page_alert_and_queues_signals()
    {
        var prometheus = Prometheus();
        using var world = World(prometheus);
        world.Seed();
        var disabled = RollbackSlo(name: "not-guarded");
        disabled.Spec.Rollback!.Enabled = false;
        world.Cluster.Put(ToJson(disabled));

        var signals = await world.Services.GetRequiredService<BurnRatePoller>().PollOnceAsync(default);

        Assert.Equal([new BurnSignal(Ns, "checkout-errors", "2.0", 27.5, 812, SignalSource.Prometheus)], signals);
        Assert.Equal(1, world.Queue.Count);
        var page = SloEngine.Render(RollbackSlo(), null).Page!;
        Assert.Equal([page.Burning, page.Events, page.EventsOverLongestWindow, page.ServedThroughoutLongestWindow], prometheus.Requests.Select(Query));
        Assert.All(prometheus.Requests, r => Assert.Equal("http://prometheus.test:9090/api/v1/query", r.Uri!.ToString()));
    }

    [Fact]
    public async Task One_rum_slo_or_pipeline_that_cannot_be_read_is_counted_and_the_others_are_still_polled()
    {
        var prometheus = Prometheus();
        using var world = World(prometheus);
        world.Seed(); // checkout-errors, whose pipeline "web" does not exist: polled on the rules alone
        var onBrokenPipeline = RollbackSlo(name: "a-broken-pipeline");
        onBrokenPipeline.Spec.PipelineRef.Name = "broken";
        world.Cluster.Put(ToJson(onBrokenPipeline));
        world.Cluster.Put(new JsonObject
        {
            ["apiVersion"] = "rumops.dev/v1alpha1",
            ["kind"] = "RumPipeline",
            ["metadata"] = new JsonObject { ["name"] = "broken", ["namespace"] = Ns },
            ["spec"] = new JsonObject { ["ingest"] = new JsonObject { ["maxBeaconBytes"] = "lots" } },
        });
        var brokenSlo = ToJson(RollbackSlo(name: "b-broken-slo"));
        brokenSlo["spec"]!["objective"] = "very high";
        world.Cluster.Put(brokenSlo);

        var signals = await world.Services.GetRequiredService<BurnRatePoller>().PollOnceAsync(default);

        Assert.Equal([new BurnSignal(Ns, "checkout-errors", "2.0", 27.5, 812, SignalSource.Prometheus)], signals);
        Assert.Equal(2, world.Metrics.Signals.WithLabels("prometheus", BurnRatePoller.Unreadable).Value);
        var page = SloEngine.Render(RollbackSlo(), null).Page!;
        Assert.Equal([page.Burning, page.Events, page.EventsOverLongestWindow, page.ServedThroughoutLongestWindow], prometheus.Requests.Select(Query));
    }

    [Fact]
    public async Task The_poll_writes_the_last_known_good_release_by_its_rule()
    {
        // 2.0 burns; 1.1 has the most events but started inside the longest page window; 1.0 served throughout.
        var prometheus = new RecordingHandler
        {
            JsonAnswer = body => body.Contains("slo%3Arum_burn_rate") ? Vector(("2.0", 27.5))
                : body.Contains("min_over_time") ? Vector(("1.0", 40), ("1.1", 0), ("2.0", 30))
                : Vector(("1.0", 4000), ("1.1", 6000), ("2.0", 812)),
        };
        using var world = World(prometheus);
        world.Seed();
        var slo = world.SloObject();
        slo["status"]!.AsObject().Remove("lastKnownGoodRelease");
        await world.Cluster.ReplaceStatusAsync(slo);

        await world.Services.GetRequiredService<BurnRatePoller>().PollOnceAsync(default);

        Assert.Equal("1.0", world.SloObject()["status"]!["lastKnownGoodRelease"]!.GetValue<string>());
        Assert.Equal("Ready", world.SloObject()["status"]!["conditions"]![0]!["type"]!.GetValue<string>()); // the rest of status stays
    }

    public static TheoryData<string, string?, (string, double)[], (string, double)[], string[], string[]> LastKnownGoodCases => new()
    {
        { "most events among the qualifying", "1.1", [("1.0", 600), ("1.1", 900)], [("1.0", 1), ("1.1", 1)], [], [] },
        { "fewer than minEvents keeps the stored one", "1.0", [("1.0", 499), ("1.1", 499)], [("1.0", 1), ("1.1", 1)], [], [] },
        { "not served throughout", "1.0", [("1.1", 900)], [("1.1", 0)], [], [] },
        { "burning now", "1.0", [("1.1", 900)], [("1.1", 5)], ["1.1"], [] },
        { "rolled back before", "1.0", [("1.1", 900)], [("1.1", 5)], [], ["1.1"] },
        { "the one that qualifies", "1.1", [("1.1", 900), ("2.0", 5000)], [("1.1", 5), ("2.0", 5)], ["2.0"], [] },
    };

    [Theory]
    [MemberData(nameof(LastKnownGoodCases))]
    public void Last_known_good_follows_its_rule(string why, string? expected, (string, double)[] events, (string, double)[] served, string[] burning, string[] rolledBack)
    {
        static IReadOnlyList<PromSample> Samples((string Release, double Value)[] s) =>
            [.. s.Select(x => new PromSample(new Dictionary<string, string> { ["release"] = x.Release }, x.Value))];
        var status = new RumOperator.Api.RumSloStatus
        {
            LastKnownGoodRelease = "1.0",
            Rollbacks = [.. rolledBack.Select(r => new RumOperator.Api.RollbackRecord { Release = r, Result = "Succeeded" })],
        };

        var pick = LastKnownGood.Pick(status, 500, Samples(events), Samples(served), Samples([.. burning.Select(b => (b, 20.0))]));

        Assert.True(expected == pick, $"{why}: expected {expected}, got {pick}");
    }

    [Fact]
    public async Task The_timer_drives_the_polls()
    {
        var prometheus = Prometheus();
        using var world = World(prometheus);
        world.Seed();
        var poller = world.Services.GetRequiredService<BurnRatePoller>();
        await poller.StartAsync(default);
        try
        {
            world.Time.Advance(Interval - TimeSpan.FromSeconds(1));
            Assert.Empty(prometheus.Requests);

            world.Time.Advance(TimeSpan.FromSeconds(1));
            await prometheus.FirstRequest.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally { await poller.StopAsync(default); }
    }

    public static TheoryData<string, (string, double)[], (string, double)[], string> Joins => new()
    {
        { "events by release", [("2.0", 30), ("3.0", 20)], [("3.0", 90), ("2.0", 700)], "2.0@30x/700,3.0@20x/90" },
        { "no events series counts as none", [("2.0", 30)], [], "2.0@30x/0" },
        { "series without release or value are skipped", [("", 30), ("2.0", double.NaN)], [("2.0", 700)], "" },
    };

    [Theory]
    [MemberData(nameof(Joins))]
    public void Joins_burn_and_events_per_group(string why, (string, double)[] burning, (string, double)[] events, string expected)
    {
        static IReadOnlyList<PromSample> Samples((string Release, double Value)[] s) =>
            [.. s.Select(x => new PromSample(x.Release.Length == 0 ? new Dictionary<string, string>() : new() { ["release"] = x.Release }, x.Value))];

        var signals = PolledSignals.Join(Ns, "checkout-errors", ["release"], Samples(burning), Samples(events));

        Assert.True(expected == string.Join(",", signals.Select(s => $"{s.Release}@{s.BurnRate}x/{s.Events}")), why);
    }
}
