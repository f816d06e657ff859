using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RumOperator.Metrics;
using RumOperator.Rendering.Dashboards;

namespace RumOperator.Tests.Rendering.Dashboards;

public class DashboardJsonTests
{
    private static readonly IReadOnlyList<JsonObject> Dashboards =
        RenderedDashboards.Json(RenderedDashboards.Examples(RenderedDashboards.Everything), RenderedDashboards.Everything);

    public static TheoryData<string> Titles => [.. Dashboards.Select(d => d["title"]!.GetValue<string>())];

    private static JsonObject Named(string title) => Dashboards.Single(d => d["title"]!.GetValue<string>() == title);

    [Fact]
    public void Every_pipeline_gets_three_dashboards_and_every_slo_one() =>
        Assert.Equal(["debug", "executive", "oncall", .. Enumerable.Repeat("slo", RenderedDashboards.ExampleDashboardCount - 3)],
            Dashboards.Select(d => d["tags"]![1]!.GetValue<string>()).Order());

    [Theory]
    [MemberData(nameof(Titles))]
    public void Panel_ids_are_unique_and_panels_do_not_overlap(string title)
    {
        var panels = Named(title)["panels"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(p => p["id"]!.GetValue<int>()).Distinct().Count());
        var cells = new HashSet<(int, int)>();
        foreach (var p in panels)
        {
            var g = p["gridPos"]!;
            int x = g["x"]!.GetValue<int>(), y = g["y"]!.GetValue<int>(), w = g["w"]!.GetValue<int>(), h = g["h"]!.GetValue<int>();
            Assert.InRange(x + w, 1, 24);
            for (var i = x; i < x + w; i++)
            for (var j = y; j < y + h; j++)
                Assert.True(cells.Add((i, j)), $"{title}: panel {p["title"]} overlaps another at {i},{j}");
        }
    }

    [Theory]
    [MemberData(nameof(Titles))]
    public void Every_query_reads_the_datasource_variable_and_only_defined_variables(string title)
    {
        var dashboard = Named(title);
        var variables = dashboard["templating"]!["list"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(DashboardJson.DatasourceVariable, variables[0]);
        Assert.Equal("datasource", dashboard["templating"]!["list"]![0]!["type"]!.GetValue<string>());
        var builtIns = new[] { "__rate_interval", "__range", "__from", "__to" };
        foreach (var panel in dashboard["panels"]!.AsArray())
        {
            Assert.Equal(DashboardJson.DatasourceRef, panel!["datasource"]!["uid"]!.GetValue<string>());
            var targets = panel["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Count, targets.Select(t => t!["refId"]!.GetValue<string>()).Distinct().Count());
            foreach (var target in targets)
            {
                Assert.Equal(DashboardJson.DatasourceRef, target!["datasource"]!["uid"]!.GetValue<string>());
                foreach (Match m in Regex.Matches(target["expr"]!.GetValue<string>(), @"\$(\w+)"))
                    Assert.True(variables.Contains(m.Groups[1].Value) || builtIns.Contains(m.Groups[1].Value), $"{title} / {panel["title"]}: ${m.Groups[1].Value} is not a variable");
            }
        }
    }

    [Fact]
    public void Pipeline_dashboards_filter_by_every_label_the_pipeline_exports()
    {
        var executive = Dashboards.Single(d => d["tags"]![1]!.GetValue<string>() == "executive");
        Assert.Equal(["datasource", "app", "release", "route", "device", "country", "browser"],
            executive["templating"]!["list"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        var views = executive["panels"]!.AsArray().Single(p => p!["title"]!.GetValue<string>() == "Page views")!["targets"]![0]!["expr"]!.GetValue<string>();
        Assert.Contains("namespace=\"shop\",job=\"web-collector\",app=~\"$app\",release=~\"$release\",route=~\"$route\",device=~\"$device\",country=~\"$country\",browser=~\"$browser\"", views);
    }

    [Fact]
    public void The_debug_dashboard_links_to_raw_events_only_with_a_logs_datasource()
    {
        var link = Dashboards.Single(d => d["tags"]![1]!.GetValue<string>() == "debug")["links"]!.AsArray().Single()!;
        Assert.Contains("%22datasource%22%3A%22loki%22", link["url"]!.GetValue<string>());
        Assert.Contains("${__from}", link["url"]!.GetValue<string>());
        var without = RenderedDashboards.Json(RenderedDashboards.Examples(new DashboardOptions()), new DashboardOptions());
        Assert.Empty(without.Single(d => d["tags"]![1]!.GetValue<string>() == "debug")["links"]!.AsArray());
    }

    [Fact]
    public void Long_names_get_distinct_uids_within_grafanas_limit()
    {
        var a = DashboardUid.For("a-very-long-namespace-name-for-the-team", "a-very-long-pipeline-name", "executive");
        var b = DashboardUid.For("a-very-long-namespace-name-for-the-team", "a-very-long-pipeline-name", "oncall");
        Assert.InRange(a.Length, 1, DashboardUid.MaxLength);
        Assert.InRange(b.Length, 1, DashboardUid.MaxLength);
        Assert.NotEqual(a, b);
        Assert.Equal("rum-shop-web-executive", DashboardUid.For("shop", "web", "executive"));
    }

    [Fact]
    public void The_on_call_error_groups_table_merges_events_sessions_and_releases_filtered_only_by_app_and_release()
    {
        var oncall = Dashboards.Single(d => d["tags"]![1]!.GetValue<string>() == "oncall");
        var panel = oncall["panels"]!.AsArray().Single(p => p!["title"]!.GetValue<string>() == ErrorGroupPanel.Title)!;
        Assert.Equal("table", panel["type"]!.GetValue<string>());
        var targets = panel["targets"]!.AsArray().Select(t => t!["expr"]!.GetValue<string>()).ToList();
        Assert.Equal(3, targets.Count);
        Assert.Contains(ErrorGroupMetrics.Events, targets[0]);
        Assert.Contains(ErrorGroupMetrics.Sessions, targets[1]);
        Assert.Contains(ErrorGroupMetrics.Release, targets[2]);
        Assert.All(targets, e =>
        {
            Assert.Contains($"group_left ({ErrorGroupMetrics.Type}, {ErrorGroupMetrics.Message}, {ErrorGroupMetrics.Frame})", e);
            Assert.Contains(ErrorGroupMetrics.Info + "{namespace=\"shop\",job=\"web-collector\",app=~\"$app\"}", e);
            Assert.Contains(ErrorGroupMetrics.Events + "{namespace=\"shop\",job=\"web-collector\",app=~\"$app\",release=~\"$release\"}", e);
            // Rows without an info series (__other__) stay; labels the group series do not carry select nothing.
            Assert.Contains($"or on ({ErrorGroupMetrics.App}, {ErrorGroupMetrics.Group})", e);
            Assert.DoesNotContain("$route", e);
            Assert.Contains($"topk({ErrorGroupPanel.Top},", e);
            Assert.All(panel["targets"]!.AsArray(), t => Assert.True(t!["instant"]!.GetValue<bool>()));
        });
        Assert.StartsWith("sort_desc(", targets[0]);
        var transformations = panel["transformations"]!.AsArray();
        Assert.Equal(["merge", "organize"], transformations.Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal("sessions", transformations[1]!["options"]!["renameByName"]!["Value #B"]!.GetValue<string>());
    }
}
