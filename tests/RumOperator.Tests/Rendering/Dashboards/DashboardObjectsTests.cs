using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RumOperator.Api;
using RumOperator.Metrics;
using RumOperator.Objects;
using RumOperator.Rendering.Canary;
using RumOperator.Rendering.Dashboards;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Tests.Schemas;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Rendering.Dashboards;

public class DashboardObjectsTests
{
    private static JsonObject Labels(DesiredObject o) => o.Body["metadata"]!["labels"]!.AsObject();

    [Fact]
    public void Every_object_validates_against_the_upstream_schemas()
    {
        var objects = RenderedDashboards.Examples(RenderedDashboards.Everything);
        var kinds = new[] { "ConfigMap", OperatorKinds.GrafanaDashboard.Kind, OperatorKinds.AnalysisTemplate.Kind, OperatorKinds.MetricTemplate.Kind };
        foreach (var kind in kinds) Assert.Contains(objects, o => o.Kind == kind);
        foreach (var o in objects.Where(o => kinds.Contains(o.Kind)))
            Assert.True(SchemaValidator.Validate(o.Body) is { Count: 0 }, $"{o.Key}: {string.Join("; ", SchemaValidator.Validate(o.Body))}");
    }

    [Fact]
    public void The_sidecar_label_annotation_and_folder_are_configurable()
    {
        var options = new DashboardOptions { Label = "team-dashboards", LabelValue = "rum", FolderAnnotation = "k8s-sidecar-target-directory", Folder = "/tmp/dashboards/RUM" };
        var maps = RenderedDashboards.Examples(options).Where(o => o.Kind == "ConfigMap" && o.Name.Contains("-dashboard-")).ToList();
        Assert.Equal(RenderedDashboards.ExampleDashboardCount, maps.Count);
        Assert.All(maps, m =>
        {
            Assert.Equal("rum", Labels(m)["team-dashboards"]!.GetValue<string>());
            Assert.Null(Labels(m)[DashboardOptions.DefaultLabel]);
            Assert.Equal("/tmp/dashboards/RUM", m.Body["metadata"]!["annotations"]!["k8s-sidecar-target-directory"]!.GetValue<string>());
        });
        Assert.DoesNotContain(RenderedDashboards.Examples(new DashboardOptions { ConfigMaps = false }), o => o.Name.Contains("-dashboard-"));
    }

    [Fact]
    public void Grafana_dashboards_only_with_an_instance_selector_and_with_the_same_json()
    {
        Assert.DoesNotContain(RenderedDashboards.Examples(new DashboardOptions()), o => o.Kind == OperatorKinds.GrafanaDashboard.Kind);
        var objects = RenderedDashboards.Examples(RenderedDashboards.Everything);
        var grafana = objects.Where(o => o.Kind == OperatorKinds.GrafanaDashboard.Kind).ToList();
        Assert.Equal(RenderedDashboards.ExampleDashboardCount, grafana.Count);
        foreach (var g in grafana)
        {
            var map = objects.Single(o => o.Kind == "ConfigMap" && o.Name == g.Name);
            Assert.Equal(map.Body["data"]!.AsObject().Single().Value!.GetValue<string>(), g.Body["spec"]!["json"]!.GetValue<string>());
            Assert.Equal("grafana", g.Body["spec"]!["instanceSelector"]!["matchLabels"]!["dashboards"]!.GetValue<string>());
            Assert.Equal(DashboardOptions.DefaultFolder, g.Body["spec"]!["folder"]!.GetValue<string>());
            Assert.Null(Labels(g)[DashboardOptions.DefaultLabel]);
        }
    }

    [Fact]
    public void Analysis_templates_read_the_short_window_burn_of_the_release_and_never_come_back_empty()
    {
        var objects = RenderedDashboards.Examples(new DashboardOptions());
        var slo = Manifests.Load(Repo.Examples).Slos.Single(s => s.Value.Name == "checkout-lcp").Value;
        var series = SloSeries.For(slo, SloEngine.Render(slo, TestManifests.ExamplePipeline()).Plan!);
        var argo = objects.Single(o => o.Kind == OperatorKinds.AnalysisTemplate.Kind && o.Name == "rumslo-checkout-lcp").Body["spec"]!;
        var metric = argo["metrics"]![0]!;
        Assert.Equal($"max({series.ShortBurn}{{slo=\"checkout-lcp\",namespace=\"shop\",release=\"{{{{args.release}}}}\"}}) or on() vector(0)",
            metric["provider"]!["prometheus"]!["query"]!.GetValue<string>());
        Assert.Equal("result[0] <= 14.4", metric["successCondition"]!.GetValue<string>());
        Assert.Equal("{{args.prometheus-address}}", metric["provider"]!["prometheus"]!["address"]!.GetValue<string>());
        var flagger = objects.Single(o => o.Kind == OperatorKinds.MetricTemplate.Kind && o.Name == "rumslo-checkout-lcp").Body["spec"]!;
        Assert.Contains("release=\"{{ variables.release }}\"", flagger["query"]!.GetValue<string>());
        Assert.Equal(DashboardOptions.DefaultPrometheusAddress, flagger["provider"]!["address"]!.GetValue<string>());
        // storefront-js-errors has no groupBy: no burn per release, no canary analysis.
        Assert.DoesNotContain(objects, o => (o.Kind == OperatorKinds.AnalysisTemplate.Kind || o.Kind == OperatorKinds.MetricTemplate.Kind) && o.Name == "rumslo-storefront-js-errors");
        Assert.DoesNotContain(RenderedDashboards.Examples(new DashboardOptions { AnalysisTemplates = false, MetricTemplates = false }),
            o => o.Kind == OperatorKinds.AnalysisTemplate.Kind || o.Kind == OperatorKinds.MetricTemplate.Kind);
    }

    [Fact]
    public void An_slo_name_is_matched_literally_not_as_a_regex()
    {
        var pipeline = TestManifests.ExamplePipeline();
        var slo = Manifests.Load(Repo.Examples).Slos.Single(s => s.Value.Name == "checkout-lcp").Value;
        slo.Metadata.Name = "checkout.lcp";
        var dashboards = DashboardRenderer.PipelineDashboards(pipeline, [(slo, SloEngine.Render(slo, pipeline).Plan!)], new DashboardOptions());
        var exprs = dashboards.SelectMany(d => d.Panels).SelectMany(p => p.Queries).Select(q => q.Expr).Where(e => e.Contains("slo=~")).ToList();
        Assert.NotEmpty(exprs);
        Assert.All(exprs, e => Assert.Contains("slo=~\"checkout\\\\.lcp\"", e));
    }

    /// <summary>One owner per metric name: the builders name series through RumMetrics and SloSeries only.</summary>
    [Fact]
    public void The_builders_repeat_no_metric_or_recording_name()
    {
        var names = new[] { RumMetrics.PageViews, RumMetrics.JsErrors, RumMetrics.Sessions, RumMetrics.Transactions, RumMetrics.ResourceRequests,
                RumMetrics.LongTask, RumMetrics.TraceCorrelated, RumMetrics.EventsReceived, RumMetrics.EventsDropped, RuleNames.ErrorBudgetRemaining }
            .Concat(RumMetrics.Vitals.Values.Select(v => v.Metric)).Append("rum_").Append("ALERTS");
        var files = Directory.GetFiles(Path.Combine(SchemaLocator.RepositoryRoot(), "operator", "Rendering", "Dashboards"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(SchemaLocator.RepositoryRoot(), "operator", "Rendering", "Canary"), "*.cs"));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var name in names)
                Assert.False(Regex.IsMatch(text, "\"[^\"]*" + Regex.Escape(name)), $"{Path.GetFileName(file)} spells {name} as a literal");
        }
    }
}
