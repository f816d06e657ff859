using RumCollector.Ingest;
using RumCollector.Metrics;
using RumCollector.Tests.Support;
using RumOperator.Api;
using RumOperator.CollectorConfig;
using RumOperator.Metrics;

namespace RumCollector.Tests;

public sealed class MetricsTests
{
    private static async Task<IReadOnlyList<Sample>> Scrape(RumMetricSet set)
    {
        using var stream = new MemoryStream();
        await set.Registry.CollectAndExportAsTextAsync(stream);
        return MetricsText.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static CollectorMetrics Config(Action<CollectorMetrics>? change = null)
    {
        var config = TestConfig.Example().Config.Metrics;
        change?.Invoke(config);
        return config;
    }

    [Fact]
    public async Task Bucket_le_labels_written_by_prometheus_net_equal_FormatLe_of_the_configured_boundaries()
    {
        // Extra boundaries out of order and duplicated, as a hand-written config might have them.
        var config = Config(m => m.Buckets["lcp"] = [.. m.Buckets["lcp"], 3.3, 12.75, 2.5]);
        var set = new RumMetricSet(config);
        var common = set.CommonValues(_ => "x");
        foreach (var histogram in set.Vitals.Values) set.Child(histogram, common).Observe(0.01);

        var samples = await Scrape(set);

        foreach (var vital in RumMetrics.Vitals.Values)
        {
            var written = samples.Where(s => s.Name == vital.Metric + "_bucket").Select(s => s.Labels["le"]).Where(le => le != "+Inf").ToList();
            Assert.Equal(config.Buckets[RumMetrics.VitalKey(vital.Name)].Distinct().Order().Select(RumMetrics.FormatLe), written);
            Assert.Contains(RumMetrics.FormatLe(vital.Good), written);
            Assert.Contains(RumMetrics.FormatLe(vital.Poor), written);
        }
        Assert.Contains(samples, s => s.Name == "rum_lcp_seconds_bucket" && s.Labels["le"] == "2.5");
        Assert.Contains(samples, s => s.Name == "rum_lcp_seconds_bucket" && s.Labels["le"] == "4");
        Assert.Contains(samples, s => s.Name == "rum_lcp_seconds_bucket" && s.Labels["le"] == "3.3");
        Assert.Contains(samples, s => s.Name == "rum_inp_seconds_bucket" && s.Labels["le"] == "0.2");
    }

    [Fact]
    public void Common_labels_follow_the_configured_subset_in_contract_order()
    {
        var set = new RumMetricSet(Config(m => m.Labels = ["browser", "app", "os"]));
        Assert.Equal(["app", "browser", "os"], set.CommonLabels);
    }

    [Fact]
    public async Task Beyond_the_cap_the_least_recently_seen_label_value_is_evicted_with_its_series()
    {
        var set = new RumMetricSet(Config(m => { m.Labels = ["app", "release"]; m.MaxValuesPerLabel["release"] = 3; }));
        void Seen(string release) => set.Child(set.Sessions, set.CommonValues(l => l == "release" ? release : "storefront")).Inc();
        for (var i = 0; i < 10; i++)
        {
            Seen($"r{i}");
            if (i >= 1) Seen("r1"); // seen all along: never the least recent
        }

        var samples = await Scrape(set);
        var releases = samples.Where(s => s.Name == RumMetrics.Sessions).ToDictionary(s => s.Labels["release"], s => s.Value);

        Assert.Equal(new Dictionary<string, double> { ["r1"] = 10, ["r8"] = 1, ["r9"] = 1 }, releases);
        Assert.Equal(7, samples.Sum(CollectorMetricNames.LabelValuesEvicted, ("label", "release")));
        Assert.Equal(releases.Count, set.SeriesUsed);
    }

    [Fact]
    public async Task Evicting_values_forgets_their_series_everywhere_so_churn_costs_no_memory()
    {
        var set = new RumMetricSet(Config(m => { m.Labels = ["app", "route", "release"]; m.MaxValuesPerLabel["route"] = 10; m.MaxValuesPerLabel["release"] = 10; }));
        for (var i = 0; i < 5000; i++)
            set.Series(set.CommonValues(l => l switch { "route" => $"/r{i}", "release" => $"v{i}", _ => "storefront" })).Counter(set.Sessions).Inc();

        var sessions = (await Scrape(set)).Where(s => s.Name == RumMetrics.Sessions).ToList();

        Assert.InRange(sessions.Count, 1, 11);
        // Every live series is indexed under its app, route and release, and nothing else is kept: the app
        // label, which never evicts, must not collect the ids of every series that ever existed.
        Assert.Equal(3 * sessions.Count(s => s.Labels["route"] != RumMetrics.Other), set.IndexedEntries);
    }

    [Fact]
    public async Task The_series_budget_folds_new_label_sets_into_other()
    {
        var set = new RumMetricSet(Config(m => { m.Labels = ["route"]; m.MaxSeries = 100; m.MaxValuesPerLabel.Clear(); m.DefaultMaxValuesPerLabel = 100_000; }));
        for (var i = 0; i < 1000; i++) set.Child(set.Sessions, set.CommonValues(_ => $"/r{i}")).Inc();

        var sessions = (await Scrape(set)).Where(s => s.Name == RumMetrics.Sessions).ToList();

        // 99 label sets admitted, 1 % kept for the __other__ series they fold into: 100 series in all.
        Assert.Equal(100, set.SeriesUsed);
        Assert.Equal(100, sessions.Count);
        Assert.Equal(1000, sessions.Sum(s => s.Value));
        Assert.Equal(901, sessions.Single(s => s.Labels["route"] == RumMetrics.Other).Value);
    }

    [Fact]
    public async Task The_series_budget_and_its_use_are_exported_at_each_scrape()
    {
        var set = new RumMetricSet(Config(m => { m.Labels = ["route"]; m.MaxSeries = 100; m.DefaultMaxValuesPerLabel = 100_000; }));
        double Gauge(IEnumerable<Sample> samples, string name) => samples.Single(s => s.Name == name).Value;

        Assert.Equal((0d, 100d), (Gauge(await Scrape(set), CollectorMetricNames.SeriesBudgetUsed), Gauge(await Scrape(set), CollectorMetricNames.SeriesBudgetMax)));
        for (var i = 0; i < 7; i++) set.Child(set.Sessions, set.CommonValues(_ => $"/r{i}")).Inc();

        Assert.Equal(7, Gauge(await Scrape(set), CollectorMetricNames.SeriesBudgetUsed));
    }

    [Fact]
    public async Task Counts_are_weighted_by_the_inverse_sample_rate()
    {
        var set = new RumMetricSet(Config());
        var common = set.CommonValues(_ => "x");
        RumEvent[] events =
        [
            new() { Type = EventType.PageView, Status = 503 },
            new() { Type = EventType.Vital, Vital = VitalName.Inp, Value = 250 },
            new() { Type = EventType.Resource, Status = 0 },
            new() { Type = EventType.Resource, Status = 200, Party = "third" },
        ];

        MetricsRecorder.Record(set, common, Weight.FromSampleRate(0.1), events, traceCorrelated: false, new Random(1));
        var samples = await Scrape(set);

        Assert.Equal(10, samples.Sum(RumMetrics.PageViews, ("outcome", "error")), 9);
        Assert.Equal(10, samples.Sum("rum_inp_seconds_count"));
        Assert.Equal(10, samples.Sum("rum_inp_seconds_bucket", ("le", "0.3")));
        Assert.Equal(0, samples.Sum("rum_inp_seconds_bucket", ("le", "0.2")));
        Assert.Equal(10, samples.Sum(RumMetrics.ResourceRequests, ("party", "first"), ("outcome", "error")), 9);
        Assert.Equal(10, samples.Sum(RumMetrics.ResourceRequests, ("party", "third"), ("outcome", "ok")), 9);
        Assert.Equal(0, samples.Sum(RumMetrics.TraceCorrelated));
    }

    [Fact]
    public void Fractional_weights_round_without_bias_for_histograms()
    {
        var weight = Weight.FromSampleRate(0.3); // 3.33…
        var random = new Random(7);
        var total = Enumerable.Range(0, 30_000).Sum(_ => weight.ForHistogram(random));

        Assert.InRange(total / 30_000.0, 3.30, 3.37);
    }
    /// <summary>Increments are summed per child within a beacon; past the scratch's sixteen children they are written at once.</summary>
    [Fact]
    public async Task A_beacon_with_many_children_and_repeats_counts_every_event_at_its_weight()
    {
        var set = new RumMetricSet(Config());
        var series = set.Series(set.CommonValues(l => l == "app" ? "storefront" : "x"));
        List<RumEvent> events = [.. Enumerable.Range(0, 20).Select(i => new RumEvent { Type = EventType.Transaction, Name = $"tx{i}", Outcome = "success" })];
        events.AddRange(Enumerable.Range(0, 10).Select(_ => new RumEvent { Type = EventType.Resource, Party = "third", Status = 404 }));
        events.Add(new RumEvent { Type = EventType.SessionStart });

        MetricsRecorder.Record(set, series, new Weight(2.5), events, traceCorrelated: false, new Random(1));
        var samples = await Scrape(set);

        Assert.Equal(50, samples.Sum(RumMetrics.Transactions));
        Assert.Equal(20, samples.Count(s => s.Name == RumMetrics.Transactions));
        Assert.Equal(25, samples.Sum(RumMetrics.ResourceRequests, ("party", "third"), ("outcome", "error")));
        Assert.Equal(2.5, samples.Sum(RumMetrics.Sessions));
    }
}
