using Microsoft.Extensions.Time.Testing;
using RumOperator.Slo;
using RumOperator.SloConsole.Data;
using RumOperator.SloConsole.Views;
using static RumOperator.Tests.SloConsole.ConsoleManifests;

namespace RumOperator.Tests.SloConsole;

public sealed class ConsoleDataTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));
    private readonly ListedObjects _objects = new();
    private readonly CountingPrometheus _prometheus = new();

    private ConsoleData Data() => new(_objects, new QueryCache(_prometheus, _prometheus, _time, Ttl));

    private void AddSlos(int count)
    {
        _objects.PipelineList.Add(Pipeline("shop", "web"));
        for (var i = 0; i < count; i++) _objects.SloList.Add(SloManifest("shop", $"slo-{i:00}", i % 2 == 0 ? ", \"groupBy\": [\"release\"]" : ""));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public async Task A_list_view_costs_three_queries_whatever_the_number_of_SLOs(int slos)
    {
        AddSlos(slos);

        var list = await Data().ListAsync(ListFilter.Default, default);

        Assert.Equal(slos, list.Rows.Count);
        Assert.Equal(3, _prometheus.Queries.Count);
    }

    [Fact]
    public async Task Views_within_the_TTL_are_answered_from_the_cache_and_after_it_cost_the_same_set_again()
    {
        AddSlos(5);
        var data = Data();

        await data.ListAsync(ListFilter.Default, default);
        _time.Advance(Ttl - TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => data.ListAsync(ListFilter.Default, default)));
        Assert.Equal(3, _prometheus.Queries.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        await data.ListAsync(new ListFilter("slo-0", null, null, ListSort.Name, true), default);
        Assert.Equal(6, _prometheus.Queries.Count);
    }

    [Fact]
    public async Task A_detail_view_costs_five_queries_and_a_pipelines_view_five()
    {
        AddSlos(20);
        var data = Data();

        Assert.NotNull(await data.DetailAsync("shop", "slo-04", null, default));
        Assert.Equal(5, _prometheus.Queries.Count);
        await data.PipelinesAsync(default);
        Assert.Equal(10, _prometheus.Queries.Count);
    }

    [Fact]
    public async Task A_missing_SLO_costs_no_query()
    {
        AddSlos(1);

        Assert.Null(await Data().DetailAsync("shop", "nope", null, default));
        Assert.Empty(_prometheus.Queries);
    }

    [Fact]
    public async Task Without_Prometheus_every_figure_shows_no_data_and_the_page_says_why()
    {
        AddSlos(2);
        _prometheus.Fail = true;
        var data = Data();

        var list = await data.ListAsync(ListFilter.Default, default);
        var detail = await data.DetailAsync("shop", "slo-00", null, default);

        Assert.Contains("connection refused", list.PrometheusError);
        Assert.All(list.Rows, r => Assert.Equal((null, null, AlertState.NoData), (r.Availability, r.Budget, r.Alert)));
        var html = DetailPage.Render(detail!);
        Assert.Contains("connection refused", html);
        Assert.Contains(">no data<", html);
    }

    [Fact]
    public async Task Release_rows_come_from_the_groups_series_and_mark_low_traffic_below_minEvents()
    {
        _objects.PipelineList.Add(Pipeline("shop", "web"));
        _objects.SloList.Add(SloManifest("shop", "checkout", """
            , "groupBy": ["release"], "rollback": { "enabled": true, "target": { "kind": "Deployment", "name": "web" }, "minEvents": 500 }
            """));
        var plan = SloEngine.Render(_objects.SloList[0], _objects.PipelineList[0]).Plan!;
        _prometheus.Samples.AddRange(
        [
            Sample(RuleNames.Sli(plan.SloWindow), 0.999, "checkout", "shop", ("release", "1.0")),
            Sample(RuleNames.Sli(plan.SloWindow), 0.9, "checkout", "shop", ("release", "2.0")),
            Sample(RuleNames.ErrorBudgetRemaining, 0.9, "checkout", "shop", ("release", "1.0")),
            Sample(RuleNames.ErrorBudgetRemaining, -9, "checkout", "shop", ("release", "2.0")),
            // Another SLO's series with the same release must not leak into this one.
            Sample(RuleNames.ErrorBudgetRemaining, -50, "other", "shop", ("release", "2.0")),
            // The events query's samples: tagged by the console with slo and namespace.
            new(new Dictionary<string, string> { ["slo"] = "checkout", ["namespace"] = "shop", ["release"] = "1.0" }, 1200),
            new(new Dictionary<string, string> { ["slo"] = "checkout", ["namespace"] = "shop", ["release"] = "2.0" }, 499),
        ]);

        var row = Assert.Single((await Data().ListAsync(ListFilter.Default, default)).Rows);

        Assert.Equal((0.9, -9.0), (row.Availability, row.Budget));
        Assert.Equal(["1.0", "2.0"], row.Groups.Select(g => g.Group));
        Assert.False(row.Groups[0].LowTraffic);
        Assert.True(row.Groups[1].LowTraffic);
    }

    [Fact]
    public async Task The_graph_range_is_one_the_page_offers_else_the_window()
    {
        AddSlos(1);
        var data = Data();

        Assert.Equal(TimeSpan.FromHours(1), (await data.DetailAsync("shop", "slo-00", "1h", default))!.Range);
        Assert.Equal(TimeSpan.FromDays(28), (await data.DetailAsync("shop", "slo-00", "13m", default))!.Range);
        Assert.Equal(TimeSpan.FromDays(28), (await data.DetailAsync("shop", "slo-00", "9999999999999d", default))!.Range);
    }
}
