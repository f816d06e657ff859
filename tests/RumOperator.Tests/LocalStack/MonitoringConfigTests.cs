using RumOperator.LocalStack;
using RumOperator.Slo;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.LocalStack;

/// <summary>The local stack's Prometheus and Alertmanager configuration, checked by the tools' own checkers.</summary>
public sealed class MonitoringConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rum-monitoring-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Promtool_accepts_the_Prometheus_config_with_a_job_per_collector()
    {
        File.WriteAllText(Path.Combine(_dir, MonitoringConfig.RulesFile), "groups: []\n");
        var config = MonitoringConfig.Prometheus([new ScrapeTarget("web-collector", "shop", "127.0.0.1:9100"), new ScrapeTarget("b-collector", "team-b", "127.0.0.1:9101")], 9093);
        File.WriteAllText(Path.Combine(_dir, "prometheus.yml"), config);

        var check = ExternalTool.Run("promtool", ["check", "config", "prometheus.yml"], _dir);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("job_name: web-collector", config);
        Assert.Contains("namespace: \"team-b\"", config);
    }

    [Fact]
    public void Amtool_accepts_the_Alertmanager_config_that_routes_pages_to_the_operator_with_a_token_file()
    {
        var token = Path.Combine(_dir, "token");
        File.WriteAllText(token, "secret");
        var config = MonitoringConfig.Alertmanager("http://127.0.0.1:8080/alerts", token);
        File.WriteAllText(Path.Combine(_dir, "alertmanager.yml"), config);

        var check = ExternalTool.Run("amtool", ["check-config", "alertmanager.yml"], _dir);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains($"alertname=\"{RuleNames.PageAlert}\"", config);
        Assert.Contains($"credentials_file: \"{token}\"", config);
        Assert.DoesNotContain("secret", config);
    }
}
