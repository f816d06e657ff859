using RumCollector.Enrichment;
using RumCollector.Export;
using RumCollector.Ingest;
using RumCollector.Metrics;
using RumCollector.Tests.Support;
using RumOperator.Metrics;

namespace RumCollector.Tests;

/// <summary>The caches of the hot path give the answers of the uncached code, and stay bounded.</summary>
public sealed class HotPathCacheTests
{
    [Fact]
    public void The_user_agent_cache_answers_as_the_parser_does()
    {
        var cache = new UserAgentCache();
        var corpus = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "user-agents.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[4]).ToList();
        foreach (var allowHeadless in new[] { false, true })
            foreach (var ua in corpus.Concat(corpus))
                Assert.Equal(UserAgentParser.Parse(ua, allowHeadless), cache.Parse(ua, allowHeadless));
    }

    [Fact]
    public void The_user_agent_cache_stays_bounded_under_distinct_strings()
    {
        var cache = new UserAgentCache(capacity: 10);
        for (var i = 0; i < 1000; i++)
        {
            var ua = $"Mozilla/5.0 (X11; Linux x86_64) Chrome/{i}.0 Safari/537.36";
            Assert.Equal(UserAgentParser.Parse(ua, false), cache.Parse(ua, false));
        }
        Assert.InRange(cache.Count, 1, 10);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; GOOGLEBOT/2.1; +http://www.google.com/bot.html) é", false, true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36 ü", true, false)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36 ü", false, true)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0) Chrome/131.0 Safari/537.36 ñ", false, false)]
    public void Bot_markers_are_found_in_non_ascii_user_agents_too(string userAgent, bool allowHeadless, bool bot)
    {
        Assert.Equal(bot, UserAgentParser.Parse(userAgent, allowHeadless).IsBot);
    }

    [Fact]
    public void Equal_common_values_share_one_series_set_and_its_children()
    {
        var set = new RumMetricSet(TestConfig.Example().Config.Metrics);
        var first = set.Series(set.CommonValues(l => l + "-a"));
        var second = set.Series(set.CommonValues(l => string.Concat(l, "-", "a")));

        Assert.Same(first, second);
        Assert.Same(first.Counter(set.PageViews, "ok"), second.Counter(set.PageViews, "ok"));
        Assert.NotSame(first.Counter(set.PageViews, "ok"), first.Counter(set.PageViews, "error"));
        Assert.Same(first.Histogram(set.LongTasks, "third"), second.Histogram(set.LongTasks, "third"));
    }

    [Fact]
    public void A_label_set_refused_by_the_series_budget_stays_folded_into_other()
    {
        var config = TestConfig.Example().Config.Metrics;
        config.Labels = ["route"];
        config.MaxSeries = 2; // one regular series, one kept for __other__
        var set = new RumMetricSet(config);
        set.Series(set.CommonValues(_ => "/a")).Counter(set.Sessions).Inc();

        var refused = set.Series(set.CommonValues(_ => "/b"));
        refused.Counter(set.Sessions).Inc();
        refused.Counter(set.Sessions).Inc();

        Assert.Equal(2, set.SeriesUsed);
        Assert.Equal(1, set.Sessions.WithLabels("/a").Value);
        Assert.Equal(2, set.Sessions.WithLabels(RumMetrics.Other).Value);
        Assert.DoesNotContain(["/b"], set.Sessions.GetAllLabelValues());
    }

    [Fact]
    public void Tuples_beyond_the_cache_bound_are_still_counted()
    {
        var config = TestConfig.Example().Config.Metrics;
        config.Labels = ["route"];
        config.MaxValuesPerLabel.Clear();
        config.DefaultMaxValuesPerLabel = 100_000;
        config.MaxSeries = 100_000;
        var set = new RumMetricSet(config);
        var tuples = RumMetricSet.MaxCachedTuples + 100;

        for (var i = 0; i < tuples; i++) set.Series(set.CommonValues(_ => $"/r{i}")).Counter(set.Sessions).Inc();
        for (var i = 0; i < tuples; i++) set.Series(set.CommonValues(_ => $"/r{i}")).Counter(set.Sessions).Inc();

        Assert.Equal(tuples, set.Sessions.GetAllLabelValues().Count());
        Assert.All(set.Sessions.GetAllLabelValues(), labels => Assert.Equal(2, set.Sessions.WithLabels(labels).Value));
    }

    [Fact]
    public void The_export_queue_refuses_beyond_its_capacity_and_frees_room_when_read()
    {
        var queue = new ExportQueue(2);
        var context = new ExportContext("app", null, "/", "s", null, null, null, "desktop", "chrome", "linux", "unknown", null, null, 1, "granted", DateTimeOffset.UnixEpoch);
        ExportEvent Event() => new(context, new RumEvent { Type = EventType.PageView }, DateTimeOffset.UnixEpoch, false);

        Assert.True(queue.TryEnqueue(Event()));
        Assert.True(queue.TryEnqueue(Event()));
        Assert.False(queue.TryEnqueue(Event()));
        Assert.Equal(2, queue.Count);
        Assert.True(queue.TryDequeue(out _));
        Assert.True(queue.TryEnqueue(Event()));
        queue.Complete();
        Assert.False(queue.TryEnqueue(Event()));
        Assert.Equal(2, queue.Count);
        Assert.True(queue.TryDequeue(out _));
        Assert.True(queue.TryDequeue(out _));
        Assert.False(queue.TryDequeue(out _));
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void A_beacon_takes_the_free_places_and_comes_out_event_by_event_in_order()
    {
        var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_070_000_000);
        var context = new ExportContext("app", null, "/", "s", null, null, null, "desktop", "chrome", "linux", "unknown", null, null, 1, "granted", receivedAt);
        var queue = new ExportQueue(5);
        var single = new ExportEvent(context, new RumEvent { Type = EventType.SessionStart }, receivedAt, false);
        RumEvent[] events = [.. Enumerable.Range(0, 6).Select(i => new RumEvent { Type = EventType.PageView, Ts = receivedAt.ToUnixTimeMilliseconds() + (i == 1 ? 86_400_000 : i) })];

        Assert.True(queue.TryEnqueue(single));
        Assert.Equal((4, DropReason.ExportQueueFull), queue.TryEnqueueAll(context, events));
        Assert.Equal((0, DropReason.ExportQueueFull), queue.TryEnqueueAll(context, events));
        Assert.Equal(5, queue.Count);

        var taken = new List<ExportEvent>();
        while (queue.TryDequeue(out var item)) taken.Add(item);

        Assert.Same(single, taken[0]);
        Assert.Equal(events[..4], taken.Skip(1).Select(t => t.Event));
        Assert.All(taken.Skip(1), t => Assert.Equal(IngestPipeline.BoundedTimestamp(t.Event.Ts, receivedAt), (t.Timestamp, t.ClockAdjusted)));
        Assert.True(taken[2].ClockAdjusted);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Discarding_skips_events_across_beacons_without_losing_the_place()
    {
        var context = new ExportContext("app", null, "/", "s", null, null, null, "desktop", "chrome", "linux", "unknown", null, null, 1, "granted", DateTimeOffset.UnixEpoch);
        var queue = new ExportQueue(100);
        RumEvent[] events = [.. Enumerable.Range(0, 3).Select(i => new RumEvent { Type = EventType.PageView, Ts = i })];
        queue.TryEnqueue(new ExportEvent(context, new RumEvent { Type = EventType.SessionStart }, DateTimeOffset.UnixEpoch, false));
        queue.TryEnqueueAll(context, events);
        queue.TryEnqueueAll(context, events);

        Assert.Equal(3, queue.Discard(3));
        Assert.True(queue.TryDequeue(out var next));
        Assert.Same(events[2], next.Event);
        Assert.Equal(3, queue.Discard(10));
        Assert.True(queue.IsEmpty);
    }
}
