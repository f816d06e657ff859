using RumOperator.Cli;
using RumOperator.Serialization;
using RumOperator.Tests.Schemas;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Cli;

public class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = RootCommandFactory.Create(stdout, stderr).Parse(args).Invoke();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string, string, string> InvalidExamples => new()
    {
        { "objective-out-of-range.yaml", "RumSLO/bad-objective", "spec.objective" },
        { "two-slis.yaml", "RumSLO/two-slis", "spec.sli" },
        { "threshold-not-a-bucket.yaml", "RumSLO/odd-threshold", "spec.sli.vital.threshold" },
        { "bad-window.yaml", "RumSLO/bad-window", "spec.window" },
        { "unknown-field.yaml", "RumSLO/typo", "spec.objectve" },
        { "bad-group-label.yaml", "RumSLO/bad-label", "spec.groupBy[0]" },
        { "pipeline-bad-route.yaml", "RumPipeline/bad-route", "spec.apps[0].routes[0]" },
        { "sampling-rate.yaml", "SamplingPolicy/bad-rate", "spec.rules[0].sessionSampleRate" },
        { "rollback-webhook-missing.yaml", "RumSLO/no-hook", "spec.rollback.webhook" },
        { "rollback-git-url-credentials.yaml", "RumSLO/git-creds-in-url", "spec.rollback.git.url" },
    };

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void Validate_rejects_each_invalid_example_naming_file_object_and_field(string file, string obj, string field)
    {
        var path = Path.Combine(Repo.Examples, "invalid", file);
        var (exit, _, err) = Run("validate", "-f", path);
        Assert.Equal(1, exit);
        Assert.Contains($"{path}: {obj}: {field}: ", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void Every_invalid_example_is_covered() =>
        Assert.Equal(InvalidExamples.Count(), Directory.GetFiles(Path.Combine(Repo.Examples, "invalid")).Length);

    [Fact]
    public void Validate_accepts_the_examples()
    {
        var (exit, output, err) = Run("validate", "-f", Repo.Examples);
        Assert.True(exit == 0, err);
        Assert.Contains("valid", output);
    }

    [Fact]
    public void Render_prints_every_object_in_a_stable_order_all_schema_valid()
    {
        var (exit, first, err) = Run("render", "-f", Repo.Examples);
        Assert.True(exit == 0, err);
        Assert.Equal(first, Run("render", "-f", Repo.Examples).Out);
        var docs = Yaml.ParseAll(first).Select(d => d.Node!.AsObject()).ToList();
        // ConfigMaps: the collector's, three pipeline dashboards, one per RumSLO; analysis templates for the four SLOs grouped by release.
        Assert.Equal(["ServiceAccount", .. Enumerable.Repeat("ConfigMap", 1 + 3 + 5), "Service", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor",
            .. Enumerable.Repeat("PrometheusRule", 5), .. Enumerable.Repeat("AnalysisTemplate", 4), .. Enumerable.Repeat("MetricTemplate", 4)],
            docs.Select(d => d["kind"]!.GetValue<string>()));
        foreach (var doc in docs)
            Assert.Empty(SchemaValidator.Validate(doc));
    }

    [Theory]
    [InlineData("--canary-analysis", "argo-rollouts,spinnaker", "--canary-analysis: 'spinnaker'")]
    [InlineData("--dashboard-label", "grafana_dashboard", "--dashboard-label: 'grafana_dashboard' is not key=value")]
    [InlineData("--grafana-instance-selector", "dashboards", "--grafana-instance-selector: 'dashboards' is not key=value")]
    [InlineData("--analysis-prometheus-url", "prometheus:9090", "--analysis-prometheus-url: 'prometheus:9090' is not an http(s) URL")]
    public void A_bad_dashboard_flag_is_named(string flag, string value, string message)
    {
        var (exit, output, err) = Run("render", "-f", Repo.Examples, flag, value);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(message, err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void Render_takes_the_dashboard_flags()
    {
        var (exit, output, err) = Run("render", "-f", Repo.Examples, "--dashboard-label", "team=rum", "--grafana-instance-selector", "dashboards=grafana",
            "--canary-analysis", "flagger", "--analysis-prometheus-url", "http://prometheus.monitoring:9090");
        Assert.True(exit == 0, err);
        var docs = Yaml.ParseAll(output).Select(d => d.Node!.AsObject()).ToList();
        var dashboards = 3 + Manifests.Load(Repo.Examples).Slos.Count;
        Assert.Equal(dashboards, docs.Count(d => d["metadata"]!["labels"]!["team"]?.GetValue<string>() == "rum"));
        Assert.Equal(dashboards, docs.Count(d => d["kind"]!.GetValue<string>() == "GrafanaDashboard"));
        Assert.DoesNotContain(docs, d => d["kind"]!.GetValue<string>() == "AnalysisTemplate");
        Assert.All(docs.Where(d => d["kind"]!.GetValue<string>() == "MetricTemplate"),
            d => Assert.Equal("http://prometheus.monitoring:9090", d["spec"]!["provider"]!["address"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("render", "-f", "no/such/dir")]
    [InlineData("validate", "-f", "no/such/file.yaml")]
    public void A_missing_path_is_a_clear_error_not_a_stack_trace(params string[] args)
    {
        var (exit, _, err) = Run(args);
        Assert.Equal(1, exit);
        Assert.Contains("no such file or directory", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void Broken_yaml_names_the_line()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "broken.yaml");
        File.WriteAllText(path, "apiVersion: rumops.dev/v1alpha1\nkind: RumSLO\nmetadata: { name: x\nspec: [\n");
        var (exit, _, err) = Run("validate", "-f", path);
        Assert.Equal(1, exit);
        Assert.Contains($"{path}: line", err);
    }

    [Fact]
    public void Crds_prints_three_crds()
    {
        var (exit, output, _) = Run("crds");
        Assert.Equal(0, exit);
        Assert.Equal(3, Yaml.ParseAll(output).Count);
    }
}
