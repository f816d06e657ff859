using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Tests.Schemas;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Slo;

public partial class SloEngineTests
{
    private static RumPipeline Pipeline => TestManifests.ExamplePipeline();

    /// <summary>Names a collector metric (rum_…), not a recording (slo:rum_…).</summary>
    private static bool ReadsRawSeries(string expr) => Regex.IsMatch(expr, @"(?<![:\w])rum_\w+");

    private static IEnumerable<JsonObject> Rules(SloRenderResult result) =>
        result.PrometheusRule!.Body["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!.AsObject());

    public static TheoryData<string> Kinds => new(Scenarios.SliKinds.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_recording_chain_and_names_in_level_metric_operations_form(string kind)
    {
        var result = SloEngine.Render(Scenarios.Slo(kind), Pipeline);
        Assert.True(result.Ok, string.Join("; ", result.Errors));
        var rules = Rules(result).ToList();
        // Two base recordings on the raw counters, one burn rate per alert window, SLI and budget, three alerts
        // (14 for 28d; Sloth: 17). Only the two base rules read the collector's series.
        Assert.Equal(2 + result.Plan!.Windows.Count + 2 + 3, rules.Count);
        Assert.Equal([RuleNames.BadEventRate(result.Plan.Floor), RuleNames.EventRate(result.Plan.Floor)],
            rules.Where(r => ReadsRawSeries(r["expr"]!.GetValue<string>())).Select(r => r["record"]?.GetValue<string>()));
        Assert.Equal(result.RecordingRules + result.AlertingRules, rules.Count);
        foreach (var record in rules.Where(r => r["record"] is not null).Select(r => r["record"]!.GetValue<string>()))
            Assert.Matches("^[a-z_]+:[a-z_]+:[a-z0-9_]+$", record);
        Assert.Equal(["RumSLOPageBurn", "RumSLOTicketBurn", "RumSLONoData"], rules.Where(r => r["alert"] is not null).Select(r => r["alert"]!.GetValue<string>()));
    }

    [Fact]
    public void Twenty_eight_days_use_the_workbook_windows()
    {
        var plan = AlertWindows.Plan(TimeSpan.FromDays(28), TimeSpan.FromSeconds(30));
        Assert.Equal(["5m", "30m", "1h", "2h", "6h", "1d", "3d"], plan.Windows.Select(PromDuration.Format));
        Assert.Equal([14.4m, 6m, 3m, 1m], plan.Conditions.Select(c => c.Factor));
    }

    [Fact]
    public void Short_slo_windows_scale_to_seconds_with_a_floor_of_four_scrapes()
    {
        var day = AlertWindows.Plan(TimeSpan.FromDays(1), TimeSpan.FromSeconds(5));
        // 1h/28 = 2m9s; 5m/28 = 11s → floored to 4 scrapes of 5s = 20s.
        Assert.Equal(TimeSpan.FromSeconds(129), day.FastestPage.Long);
        Assert.Equal(TimeSpan.FromSeconds(20), day.FastestPage.Short);
        Assert.Null(AlertWindows.Inconsistency(day));
        Assert.All(day.Windows, w => Assert.True(w >= TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void A_window_too_short_for_the_scrape_interval_is_rejected()
    {
        var slo = TestManifests.Slo("""
            pipelineRef: { name: web }
            app: storefront
            sli: { errors: { kind: pageLoad } }
            objective: 99
            window: 2h
            scrapeInterval: 1m
            """);
        var result = SloEngine.Render(slo, Pipeline);
        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.window", error.Field);
        Assert.Contains("scrape", error.Reason);
    }

    [Fact]
    public void A_threshold_that_is_no_bucket_is_rejected_listing_the_valid_ones_until_the_pipeline_adds_it()
    {
        var slo = TestManifests.Slo("""
            pipelineRef: { name: web }
            app: storefront
            sli: { vital: { name: lcp, threshold: 2.7s } }
            objective: 99
            """);
        var rejected = SloEngine.Render(slo, Pipeline);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal("spec.sli.vital.threshold", error.Field);
        Assert.Contains("2.5s, 3s, 4s", error.Reason);

        var pipeline = Pipeline;
        pipeline.Spec.Metrics.ExtraBuckets = new() { ["lcp"] = ["2.7s"] };
        var accepted = SloEngine.Render(slo, pipeline);
        Assert.True(accepted.Ok, string.Join("; ", accepted.Errors));
        Assert.Contains("le=\"2.7\"", Rules(accepted).First()["expr"]!.GetValue<string>());
    }

    [Fact]
    public void Labels_and_apps_the_pipeline_does_not_export_are_rejected()
    {
        var slo = TestManifests.Slo("""
            pipelineRef: { name: web }
            app: checkout-app
            sli: { errors: { kind: pageLoad } }
            objective: 99
            groupBy: [os]
            """);
        var fields = SloEngine.Render(slo, Pipeline).Errors.Select(e => e.Field).ToList();
        Assert.Contains("spec.groupBy", fields);
        Assert.Contains("spec.app", fields);
    }

    [GeneratedRegex(@"\b(rum_[a-z_]+)\{([^}]*)\}")]
    private static partial Regex CollectorSelector();

    [GeneratedRegex(@"\b(slo:[a-z_]+:[a-z0-9_]+)\{([^}]*)\}")]
    private static partial Regex RecordedSelector();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_selector_is_pinned_to_the_pipelines_job_and_namespace(string kind)
    {
        var exprs = Rules(SloEngine.Render(Scenarios.Slo(kind), Pipeline)).Select(r => r["expr"]!.GetValue<string>()).ToList();
        var collector = exprs.SelectMany(e => CollectorSelector().Matches(e)).ToList();
        Assert.NotEmpty(collector);
        Assert.All(collector, m => Assert.Contains("namespace=\"shop\",job=\"web-collector\",app=\"storefront\"", m.Groups[2].Value));
        var recorded = exprs.SelectMany(e => RecordedSelector().Matches(e)).ToList();
        Assert.NotEmpty(recorded);
        Assert.All(recorded, m => Assert.Equal($"slo=\"{kind.ToLowerInvariant()}-slo\",namespace=\"shop\"", m.Groups[2].Value));
    }

    [Fact]
    public void Series_labels_override_the_default_selector()
    {
        var slo = TestManifests.Slo("""
            pipelineRef: { name: web }
            app: storefront
            sli: { errors: { kind: pageLoad } }
            objective: 99
            seriesLabels: { cluster: eu-1, job: rum }
            """);
        var exprs = string.Join("\n", Rules(SloEngine.Render(slo, Pipeline)).Select(r => r["expr"]!.GetValue<string>()));
        Assert.Contains("rum_page_views_total{cluster=\"eu-1\",job=\"rum\",app=\"storefront\"", exprs);
        Assert.DoesNotContain("web-collector", exprs);
    }

    [Fact]
    public void Alerts_carry_spec_labels_slo_severity_and_a_runbook()
    {
        var slo = Manifests.Load(Path.Combine(Repo.Examples, "slo-checkout-lcp.yaml")).Slos.Single().Value;
        slo.Spec.Alerting.Page.Labels = new() { ["severity"] = "critical", ["team"] = "checkout" };
        var page = Rules(SloEngine.Render(slo, Pipeline)).Single(r => r["alert"]?.GetValue<string>() == RuleNames.PageAlert);
        Assert.Equal("critical", page["labels"]!["severity"]!.GetValue<string>());
        Assert.Equal("checkout", page["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("checkout-lcp", page["labels"]!["slo"]!.GetValue<string>());
        Assert.Equal("https://runbooks.example.com/checkout-lcp", page["annotations"]!["runbook_url"]!.GetValue<string>());
        Assert.Contains("{{ $labels.release }}", page["annotations"]!["summary"]!.GetValue<string>());
        Assert.Contains(">= 500", page["expr"]!.GetValue<string>()); // rollback.minEvents guards the page
    }

    [Fact]
    public void Each_alert_tier_can_be_switched_off_on_its_own()
    {
        var slo = Scenarios.Slo();
        slo.Spec.Alerting.Ticket.Enabled = false;
        slo.Spec.Alerting.NoData.Enabled = false;
        var alerts = Rules(SloEngine.Render(slo, Pipeline)).Where(r => r["alert"] is not null).Select(r => r["alert"]!.GetValue<string>());
        Assert.Equal([RuleNames.PageAlert], alerts);
    }

    [Fact]
    public void Rendered_rules_validate_against_the_prometheus_operator_crd_and_carry_an_owner()
    {
        foreach (var kind in Scenarios.SliKinds.Keys)
        {
            var result = SloEngine.Render(Scenarios.Slo(kind), Pipeline, new Owner("rumops.dev/v1alpha1", "RumSLO", "x", "uid-1"));
            Assert.Empty(SchemaValidator.Validate(result.PrometheusRule!.Body));
            Assert.Equal("uid-1", result.PrometheusRule.Body["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Examples_match_their_golden_files()
    {
        var set = Manifests.Load(Repo.Examples);
        var goldenDir = Path.Combine(Repo.Root, "tests", "RumOperator.Tests", "Slo", "golden");
        Directory.CreateDirectory(goldenDir);
        foreach (var (_, slo) in set.Slos)
        {
            var yaml = Yaml.Emit(SloEngine.Render(slo, set.Pipelines.Single().Value).PrometheusRule!.Body);
            var path = Path.Combine(goldenDir, slo.Name + ".yaml");
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, yaml);
            Assert.True(File.Exists(path) && File.ReadAllText(path) == yaml, $"{path} differs from the rendering; review and run UPDATE_GOLDEN=1 dotnet test");
        }
    }

    [Fact]
    public void Promtool_accepts_every_rendered_example()
    {
        var set = Manifests.Load(Repo.Examples);
        var dir = Directory.CreateTempSubdirectory("rum-check-").FullName;
        foreach (var (_, slo) in set.Slos)
            File.WriteAllText(Path.Combine(dir, slo.Name + ".yaml"), PromtoolHarness.RulesYaml(slo, set.Pipelines.Single().Value));
        var check = ExternalTool.Run("promtool", ["check", "rules", .. Directory.GetFiles(dir)], dir);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Equal(set.Slos.Count, Regex.Matches(check.Output, "SUCCESS").Count);
    }
}
