using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using RumOperator.Metrics;
using RumOperator.PrometheusApi;
using RumOperator.Slo;
using RumOperator.SloConsole.Data;
using RumOperator.SloConsole.Views;

namespace RumOperator.Tests.SloConsole;

/// <summary>The errors view (/errors): its fixed cost in queries, the join of its answers, its URL filters, escaping.</summary>
public sealed class ConsoleErrorsTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ErrorGroupPrometheus _prometheus = new();

    private ConsoleData Data() => new(new ListedObjects(), new QueryCache(_prometheus, _prometheus, _time, Ttl));

    private static ErrorFilter Filter(params (string Key, string Value)[] query) =>
        ErrorFilter.From(new QueryCollection(query.ToDictionary(q => q.Key, q => new StringValues(q.Value))));

    private static Dictionary<string, string> Labels(string group, params (string Key, string Value)[] more)
    {
        var labels = new Dictionary<string, string> { ["namespace"] = "shop", ["job"] = "web-collector", [ErrorGroupMetrics.App] = "storefront", [ErrorGroupMetrics.Group] = group };
        foreach (var (k, v) in more) labels[k] = v;
        return labels;
    }

    private void AddGroup(string group, double events, double sessions, string[] releases, (string Type, string Message, string Frame)? text, params double[] seenAt)
    {
        _prometheus.Events.Add(new PromSample(Labels(group), events));
        _prometheus.Sessions.Add(new PromSample(Labels(group), sessions));
        foreach (var r in releases) _prometheus.Releases.Add(new PromSample(Labels(group, (ErrorGroupMetrics.Release, r)), events / releases.Length));
        if (text is { } t)
            _prometheus.Info.Add(new PromSample(Labels(group, (ErrorGroupMetrics.Type, t.Type), (ErrorGroupMetrics.Message, t.Message), (ErrorGroupMetrics.Frame, t.Frame)), 1));
        _prometheus.Seen.Add(new PromSeries(Labels(group), [.. seenAt.Select(s => new PromPoint(s, 1))]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public async Task An_errors_view_costs_five_queries_whatever_the_number_of_groups_and_none_within_the_TTL(int groups)
    {
        for (var i = 0; i < groups; i++) AddGroup($"g{i:000}", i + 1, 1, ["1.0"], ("TypeError", "x", "f"), Now.ToUnixTimeSeconds());
        var data = Data();

        var list = await data.ErrorGroupsAsync(ErrorFilter.Default, default);
        Assert.Equal(groups, list.Rows.Count);
        Assert.Equal(5, _prometheus.Queries.Count);

        _time.Advance(Ttl - TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => data.ErrorGroupsAsync(ErrorFilter.Default, default)));
        Assert.Equal(5, _prometheus.Queries.Count);
    }

    [Fact]
    public async Task A_group_row_joins_events_sessions_releases_text_and_first_and_last_seen_and_other_has_no_text()
    {
        var first = Now.AddMinutes(-40).ToUnixTimeSeconds();
        var last = Now.AddMinutes(-2).ToUnixTimeSeconds();
        AddGroup("a1b2c3d4e5f60718", 12, 7, ["2.0", "1.0"], ("TypeError", "cart is undefined", "src/checkout.ts:pay"), first, Now.AddMinutes(-20).ToUnixTimeSeconds(), last);
        AddGroup(RumMetrics.Other, 30, 25, ["1.0"], null, last);

        var list = await Data().ErrorGroupsAsync(ErrorFilter.Default, default);

        Assert.Equal([RumMetrics.Other, "a1b2c3d4e5f60718"], list.Rows.Select(r => r.Group));
        var g = list.Rows[1];
        Assert.Equal((12d, 7d), (g.Events, g.Sessions!.Value));
        Assert.Equal(["1.0", "2.0"], g.Releases);
        Assert.Equal(("TypeError", "cart is undefined", "src/checkout.ts:pay"), (g.Type!, g.Message!, g.Frame!));
        Assert.Equal((first, last), (g.FirstSeen!.Value.ToUnixTimeSeconds(), g.LastSeen!.Value.ToUnixTimeSeconds()));
        Assert.Null(list.Rows[0].Type);

        var html = ErrorsPage.Render(list);
        Assert.Contains("cart is undefined", html);
        Assert.Contains("errors outside the top groups", html);
        Assert.Contains("href=\"/errors?release=2.0\"", html);
        Assert.Contains(Html.Time(DateTimeOffset.FromUnixTimeSeconds(first).UtcDateTime), html);
    }

    [Fact]
    public async Task Hostile_group_text_app_and_release_are_escaped()
    {
        const string script = "<script>alert(1)</script>";
        const string breakout = "\"><img src=x onerror=alert(1)>";
        _prometheus.Events.Add(new PromSample(Labels("g1", (ErrorGroupMetrics.App, breakout)), 3));
        _prometheus.Releases.Add(new PromSample(Labels("g1", (ErrorGroupMetrics.App, breakout), (ErrorGroupMetrics.Release, script)), 3));
        _prometheus.Info.Add(new PromSample(Labels("g1", (ErrorGroupMetrics.App, breakout), (ErrorGroupMetrics.Type, script),
            (ErrorGroupMetrics.Message, breakout), (ErrorGroupMetrics.Frame, "</code><a href=javascript:alert(1)>x</a>")), 1));

        var html = ErrorsPage.Render(await Data().ErrorGroupsAsync(Filter(("app", breakout), ("release", script)), default));

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<a href=javascript", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", html);
    }

    [Fact]
    public async Task App_and_release_from_the_URL_are_exact_quoted_matchers_and_an_unknown_range_falls_back_to_an_hour()
    {
        const string injection = "x\"} or vector(1) or up{a=\"";
        var filter = Filter(("app", injection), ("release", "2.0"), ("range", "13m"));
        Assert.Equal(ErrorFilter.DefaultRange, filter.Range);
        Assert.Equal(TimeSpan.FromDays(1), Filter(("range", "1d")).Range);
        Assert.Equal(ListFilter.MaxLength, Filter(("app", new string('a', 5000))).App!.Length);

        await Data().ErrorGroupsAsync(filter, default);

        Assert.Equal(5, _prometheus.Queries.Count);
        var app = $"{ErrorGroupMetrics.App}={PromQl.Quote(injection)}";
        Assert.All(_prometheus.Queries, q => Assert.Contains(app, q));
        Assert.All(_prometheus.Queries.Where(q => !q.Contains(ErrorGroupMetrics.Info)), q => Assert.Contains($"{ErrorGroupMetrics.Release}=\"2.0\"", q));
        Assert.All(_prometheus.Queries, q => Assert.DoesNotContain(injection, q));
        // The link of this view reads back as the same view.
        Assert.Equal(filter, ErrorFilter.From(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(filter.Query()))));
        Assert.Contains("range=1d", Filter(("range", "1d")).Query());
    }

    [Fact]
    public async Task Without_Prometheus_the_view_says_why_and_lists_nothing()
    {
        var data = new ConsoleData(new ListedObjects(), new QueryCache(null, null, _time, Ttl));

        var list = await data.ErrorGroupsAsync(ErrorFilter.Default, default);

        Assert.Empty(list.Rows);
        Assert.Contains("no --prometheus-url", list.PrometheusError);
        Assert.Contains("No error groups", ErrorsPage.Render(list));
    }

    /// <summary>Prometheus answering each of the errors view's queries with its own samples, telling them apart by the query text.</summary>
    private sealed class ErrorGroupPrometheus : IPrometheusQuery, IPrometheusRangeQuery
    {
        public List<PromSample> Events { get; } = [];
        public List<PromSample> Sessions { get; } = [];
        public List<PromSample> Releases { get; } = [];
        public List<PromSample> Info { get; } = [];
        public List<PromSeries> Seen { get; } = [];
        public List<string> Queries { get; } = [];

        public Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken ct)
        {
            lock (Queries) Queries.Add(promql);
            var instant = ErrorGroupQueries.Instant(ErrorFilter.Default).Select(Shape).ToList();
            IReadOnlyList<PromSample> answer = instant.IndexOf(Shape(promql)) switch
            {
                0 => Events,
                1 => Sessions,
                2 => Releases,
                3 => Info,
                var i => throw new InvalidOperationException($"unexpected query {i}: {promql}"),
            };
            return Task.FromResult(answer);
        }

        public Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct)
        {
            lock (Queries) Queries.Add(promql);
            return Task.FromResult<IReadOnlyList<PromSeries>>(Seen);
        }

        /// <summary>The query without its matchers and range: which of the four it is, whatever the filter.</summary>
        private static string Shape(string promql) => System.Text.RegularExpressions.Regex.Replace(promql, @"\{(?:[^""}]|""(?:[^""\\]|\\.)*"")*\}|\[[^\]]*\]", "");
    }
}
