using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Controllers;
using RumOperator.PrometheusApi;
using RumOperator.Runtime.Client;
using RumOperator.Slo;
using RumOperator.Tests.Schemas;
using static RumOperator.Tests.Controllers.ControllerHarness;

namespace RumOperator.Tests.Controllers;

public sealed class RumSloReconcilerTests
{
    /// <summary>Answers every query with the configured samples and remembers the queries.</summary>
    private sealed class FakePrometheus : IPrometheusQuery
    {
        public List<PromSample> Samples { get; set; } = [];
        public bool Fail { get; set; }
        public List<string> Queries { get; } = [];

        public Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken ct)
        {
            Queries.Add(promql);
            return Fail ? throw new PrometheusQueryException("connection refused") : Task.FromResult<IReadOnlyList<PromSample>>(Samples);
        }
    }

    private static PromSample Sample(string name, double value, string release = "v1") => new(
        new Dictionary<string, string> { ["__name__"] = name, ["slo"] = "checkout-lcp", ["namespace"] = Ns, ["release"] = release }, value);

    private static SloRenderResult ExpectedRules()
    {
        var slo = TestManifestsFrom("slo-checkout-lcp.yaml");
        return SloEngine.Render(slo, Support.TestManifests.ExamplePipeline());
    }

    private static RumSlo TestManifestsFrom(string file) =>
        Serialization.Manifests.Load(Path.Combine(RumTests.Support.Repo.Examples, file)).Slos.Single().Value;

    [Fact]
    public async Task Applies_the_PrometheusRule_owned_by_the_SLO_and_reports_rule_counts()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        var slo = h.PutSlo();

        var result = await h.ReconcileSloAsync();

        Assert.Null(result.Delay);
        var rule = h.Get(KindRef.PrometheusRule, RuleNames.PrometheusRuleName("checkout-lcp"));
        Assert.Equal(ObjectMeta.Uid(slo), Str(Assert.Single(ObjectMeta.OwnerReferences(rule))["uid"]));
        Assert.Empty(SchemaValidator.Validate(rule));
        var expected = ExpectedRules();
        Assert.True(JsonNode.DeepEquals(expected.PrometheusRule!.Body["spec"], rule["spec"]));
        var status = h.Status(KindRef.RumSlo, "checkout-lcp");
        Assert.Equal("vital", Str(status["sliKind"]));
        Assert.Equal(expected.RecordingRules, status["recordingRules"]!.GetValue<int>());
        Assert.Equal(expected.AlertingRules, status["alertingRules"]!.GetValue<int>());
        Assert.Equal(("True", "RulesApplied"), (Str(Condition(status, "Ready")["status"]), Str(Condition(status, "Ready")["reason"])));
        Assert.Empty(ValidateAgainstCrd(h.Get(KindRef.RumSlo, "checkout-lcp")));

        h.Cluster.ClearCalls();
        await h.ReconcileSloAsync();
        Assert.Empty(h.WriteRequests);
    }

    [Fact]
    public async Task Without_the_Prometheus_Operator_CRDs_nothing_is_applied_and_Ready_says_why()
    {
        var h = new ControllerHarness();
        h.Cluster.SetResourceAvailable("monitoring.coreos.com", "v1", "prometheusrules", available: false);
        h.PutPipeline();
        h.PutSlo();

        var result = await h.ReconcileSloAsync();

        Assert.Equal(h.Options.DependencyRetry, result.Delay);
        Assert.DoesNotContain(h.Cluster.Calls, c => c.Verb == "apply");
        var status = h.Status(KindRef.RumSlo, "checkout-lcp");
        var ready = Condition(status, "Ready");
        Assert.Equal(("False", "PrometheusOperatorMissing"), (Str(ready["status"]), Str(ready["reason"])));
        Assert.Equal(ExpectedRules().RecordingRules, status["recordingRules"]!.GetValue<int>());
        var ev = Assert.Single(h.Cluster.Events);
        Assert.Equal(("Warning", "PrometheusOperatorMissing"), (Str(ev["type"]), Str(ev["reason"])));
    }

    [Fact]
    public async Task A_missing_pipeline_is_reported_and_retried_later()
    {
        var h = new ControllerHarness();
        h.PutSlo();

        var result = await h.ReconcileSloAsync();

        Assert.Equal(h.Options.DependencyRetry, result.Delay);
        var ready = Condition(h.Status(KindRef.RumSlo, "checkout-lcp"), "Ready");
        Assert.Equal("PipelineNotFound", Str(ready["reason"]));
        Assert.Contains("spec.pipelineRef.name", Str(ready["message"]));
        Assert.Empty(h.Cluster.Objects(KindRef.PrometheusRule.ApiVersion, KindRef.PrometheusRule.Kind));

        h.PutPipeline();
        await h.ReconcileSloAsync();
        Assert.Equal("RulesApplied", Str(Condition(h.Status(KindRef.RumSlo, "checkout-lcp"), "Ready")["reason"]));
    }

    [Fact]
    public async Task An_SLO_the_engine_rejects_keeps_its_last_rule_and_names_the_field()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        var slo = h.PutSlo();
        await h.ReconcileSloAsync();
        var rule = h.Get(KindRef.PrometheusRule, "rumslo-checkout-lcp");

        slo["spec"]!["sli"]!["vital"]!["threshold"] = "2.6s"; // not a bucket boundary
        h.Cluster.Put(slo);
        h.Cluster.ClearCalls();
        await h.ReconcileSloAsync();

        Assert.DoesNotContain(h.Cluster.Calls, c => c.Verb is "apply" or "delete");
        Assert.True(JsonNode.DeepEquals(rule, h.Get(KindRef.PrometheusRule, "rumslo-checkout-lcp")));
        var ready = Condition(h.Status(KindRef.RumSlo, "checkout-lcp"), "Ready");
        Assert.Equal("InvalidSpec", Str(ready["reason"]));
        Assert.Contains("spec.sli.vital.threshold", Str(ready["message"]));
        Assert.Equal(2, h.Status(KindRef.RumSlo, "checkout-lcp")["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task With_Prometheus_fills_figures_keeps_the_release_guards_fields_and_polls()
    {
        var prometheus = new FakePrometheus
        {
            Samples =
            [
                Sample("slo:rum_sli:ratio_rate28d", 0.995, "v1"),
                Sample("slo:rum_sli:ratio_rate28d", 0.9925, "v2"),
                Sample("slo:rum_error_budget_remaining:ratio", 0.25, "v2"),
                Sample("slo:rum_burn_rate:ratio_rate5m", 1.5, "v1"),
                Sample("slo:rum_burn_rate:ratio_rate5m", 14.44, "v2"),
                Sample("slo:rum_burn_rate:ratio_rate1h", double.NaN, "v2"),
            ],
        };
        var h = new ControllerHarness(prometheus);
        h.PutPipeline();
        h.PutSlo(s => s["status"] = new JsonObject
        {
            ["lastKnownGoodRelease"] = "v1",
            ["rollbacks"] = new JsonArray(new JsonObject { ["release"] = "v0", ["time"] = "2025-02-01T00:00:00Z", ["action"] = "Deployment", ["result"] = "Succeeded" }),
        });
        var guardFields = h.Status(KindRef.RumSlo, "checkout-lcp").DeepClone();

        var result = await h.ReconcileSloAsync();

        Assert.Equal(h.Options.PrometheusInterval, result.Delay);
        var query = Assert.Single(prometheus.Queries);
        Assert.Contains("slo=\"checkout-lcp\"", query);
        Assert.Contains("namespace=\"shop\"", query);
        var status = h.Status(KindRef.RumSlo, "checkout-lcp");
        Assert.Equal("99.25", Str(status["currentSli"])); // the worst release
        Assert.Equal("25", Str(status["errorBudgetRemaining"]));
        Assert.Equal("14.44", Str(status["burnRates"]!["5m"]));
        Assert.Null(status["burnRates"]!["1h"]); // NaN: no data
        Assert.Equal("2025-03-01T12:00:00Z", Str(status["lastEvaluated"]));
        Assert.True(JsonNode.DeepEquals(guardFields["rollbacks"], status["rollbacks"]));
        Assert.Equal("v1", Str(status["lastKnownGoodRelease"]));
        Assert.Empty(ValidateAgainstCrd(h.Get(KindRef.RumSlo, "checkout-lcp")));

        // Same figures a minute later: no write; after the heartbeat, lastEvaluated moves.
        h.Cluster.ClearCalls();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.ReconcileSloAsync();
        Assert.Empty(h.WriteRequests);
        h.Time.Advance(h.Options.StatusHeartbeat);
        await h.ReconcileSloAsync();
        Assert.Equal("2025-03-01T12:11:00Z", Str(h.Status(KindRef.RumSlo, "checkout-lcp")["lastEvaluated"]));

        // A new figure is written at once.
        prometheus.Samples[1] = Sample("slo:rum_sli:ratio_rate28d", 0.99, "v2");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.ReconcileSloAsync();
        Assert.Equal("99", Str(h.Status(KindRef.RumSlo, "checkout-lcp")["currentSli"]));
        Assert.Equal("2025-03-01T12:12:00Z", Str(h.Status(KindRef.RumSlo, "checkout-lcp")["lastEvaluated"]));
    }

    [Fact]
    public async Task A_Prometheus_failure_leaves_the_figures_and_still_reconciles()
    {
        var prometheus = new FakePrometheus { Samples = [Sample("slo:rum_sli:ratio_rate28d", 0.999)] };
        var h = new ControllerHarness(prometheus);
        h.PutPipeline();
        h.PutSlo();
        await h.ReconcileSloAsync();

        prometheus.Fail = true;
        h.Time.Advance(TimeSpan.FromMinutes(30));
        var result = await h.ReconcileSloAsync();

        Assert.Equal(h.Options.PrometheusInterval, result.Delay);
        var status = h.Status(KindRef.RumSlo, "checkout-lcp");
        Assert.Equal("99.9", Str(status["currentSli"]));
        Assert.Equal("2025-03-01T12:00:00Z", Str(status["lastEvaluated"]));
    }
}
