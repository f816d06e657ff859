using System.Text.Json.Nodes;
using RumOperator.Controllers;
using RumOperator.Rendering.Dashboards;
using RumOperator.Runtime.Client;
using RumOperator.Slo;
using RumOperator.Tests.Schemas;
using static RumOperator.Tests.Controllers.ControllerHarness;

namespace RumOperator.Tests.Controllers;

/// <summary>The reconcilers apply dashboards and analysis templates where their kinds are served, owned, and prune them.</summary>
public sealed class DashboardReconcileTests
{
    private static readonly DashboardOptions WithGrafanaOperator = new() { GrafanaInstanceSelector = new Dictionary<string, string> { ["dashboards"] = "grafana" } };

    [Fact]
    public async Task An_SLO_gets_its_dashboard_and_analysis_templates_owned_and_schema_valid()
    {
        var h = new ControllerHarness(dashboards: WithGrafanaOperator);
        h.PutPipeline();
        var slo = h.PutSlo();

        await h.ReconcileSloAsync();

        var name = RuleNames.PrometheusRuleName("checkout-lcp");
        foreach (var (kind, objectName) in new[]
                 {
                     (KindRef.ConfigMap, $"{name}-dashboard-slo"), (KindRef.GrafanaDashboard, $"{name}-dashboard-slo"),
                     (KindRef.AnalysisTemplate, name), (KindRef.MetricTemplate, name),
                 })
        {
            var obj = h.Get(kind, objectName);
            Assert.Equal(ObjectMeta.Uid(slo), Str(Assert.Single(ObjectMeta.OwnerReferences(obj))["uid"]));
            Assert.Empty(SchemaValidator.Validate(obj));
        }
        h.Cluster.ClearCalls();
        await h.ReconcileSloAsync();
        Assert.Empty(h.WriteRequests);
    }

    [Fact]
    public async Task Templates_are_pruned_when_the_SLO_stops_grouping_by_release_and_skipped_where_a_tool_is_not_installed()
    {
        var h = new ControllerHarness();
        h.Cluster.SetResourceAvailable("flagger.app", "v1beta1", "metrictemplates", available: false);
        h.PutPipeline();
        var slo = h.PutSlo();
        await h.ReconcileSloAsync();
        var name = RuleNames.PrometheusRuleName("checkout-lcp");
        Assert.NotNull(h.Find(KindRef.AnalysisTemplate, name));
        Assert.Null(h.Find(KindRef.MetricTemplate, name));
        Assert.Null(h.Find(KindRef.GrafanaDashboard, $"{name}-dashboard-slo")); // no instance selector configured

        slo["spec"]!["groupBy"] = new JsonArray();
        slo["spec"]!["rollback"]!["enabled"] = false; // a rollback needs a release to roll back
        h.Cluster.Put(slo);
        await h.ReconcileSloAsync();

        Assert.Equal("RulesApplied", Str(Condition(h.Status(KindRef.RumSlo, "checkout-lcp"), "Ready")["reason"]));
        Assert.Null(h.Find(KindRef.AnalysisTemplate, name));
        Assert.NotNull(h.Find(KindRef.PrometheusRule, name));
        Assert.NotNull(h.Find(KindRef.ConfigMap, $"{name}-dashboard-slo"));
        Assert.Contains(h.Cluster.Events, e => Str(e["reason"]) == "Deleted" && Str(e["note"]).Contains($"AnalysisTemplate/{name}"));
    }

    [Fact]
    public async Task The_pipeline_dashboards_show_the_burn_of_its_SLOs()
    {
        var h = new ControllerHarness(dashboards: WithGrafanaOperator);
        var pipeline = h.PutPipeline();
        await h.ReconcilePipelineAsync();
        var before = h.Get(KindRef.ConfigMap, "web-dashboard-oncall")["data"]!.AsObject().Single().Value!.GetValue<string>();
        Assert.DoesNotContain("checkout-lcp", before);

        h.PutSlo();
        await h.ReconcilePipelineAsync();

        foreach (var kind in new[] { "executive", "oncall", "debug" })
        {
            var map = h.Get(KindRef.ConfigMap, $"web-dashboard-{kind}");
            Assert.Equal(ObjectMeta.Uid(pipeline), Str(Assert.Single(ObjectMeta.OwnerReferences(map))["uid"]));
            Assert.Equal("1", Str(map["metadata"]!["labels"]![DashboardOptions.DefaultLabel]));
            Assert.Empty(SchemaValidator.Validate(h.Get(KindRef.GrafanaDashboard, $"web-dashboard-{kind}")));
        }
        var oncall = h.Get(KindRef.ConfigMap, "web-dashboard-oncall")["data"]!.AsObject().Single().Value!.GetValue<string>();
        Assert.Contains("slo=~\\\"checkout-lcp\\\"", oncall);
    }
}
