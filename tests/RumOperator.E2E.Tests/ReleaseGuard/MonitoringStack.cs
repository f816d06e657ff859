using System.Text.Json.Nodes;
using RumOperator.LocalStack;

namespace RumOperator.E2E.Tests.ReleaseGuard;

/// <summary>
/// Prometheus and Alertmanager on loopback with the local stack's configuration (<see cref="MonitoringConfig"/>:
/// scrape and rule evaluation every second, page alerts to the operator's /alerts with a bearer token, fast and
/// repeating), alerts re-sent every second, with temporary data directories.
/// </summary>
internal sealed class MonitoringStack : IAsyncDisposable
{
    private readonly string _dir;

    private MonitoringStack(string dir, ToolProcess prometheus, ToolProcess alertmanager)
    {
        _dir = dir;
        Prometheus = prometheus;
        Alertmanager = alertmanager;
    }

    public ToolProcess Prometheus { get; }
    public ToolProcess Alertmanager { get; }

    public static async Task<MonitoringStack> StartAsync(string rulesYaml, ScrapeTarget collector, string receiverUrl, string token, int prometheusPort)
    {
        var dir = Directory.CreateTempSubdirectory("rum-release-guard-").FullName;
        var alertmanagerPort = Loopback.FreePort();
        var tokenFile = Path.Combine(dir, "alertmanager-token");
        File.WriteAllText(tokenFile, token);
        File.WriteAllText(Path.Combine(dir, MonitoringConfig.RulesFile), rulesYaml);
        File.WriteAllText(Path.Combine(dir, "prometheus.yml"), MonitoringConfig.Prometheus([collector], alertmanagerPort));
        File.WriteAllText(Path.Combine(dir, "alertmanager.yml"), MonitoringConfig.Alertmanager(receiverUrl, tokenFile));
        ToolProcess? alertmanager = null;
        try
        {
            alertmanager = await ToolProcess.StartAsync("prometheus-alertmanager", alertmanagerPort,
            [
                $"--config.file={dir}/alertmanager.yml", $"--storage.path={dir}/alertmanager",
                $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address=", "--log.level=warn",
            ]);
            var prometheus = await ToolProcess.StartAsync("prometheus", prometheusPort,
            [
                $"--config.file={dir}/prometheus.yml", $"--storage.tsdb.path={dir}/prometheus",
                $"--web.listen-address=127.0.0.1:{prometheusPort}", "--rules.alert.resend-delay=1s", "--log.level=warn",
            ]);
            return new MonitoringStack(dir, prometheus, alertmanager);
        }
        catch
        {
            if (alertmanager is not null) await alertmanager.DisposeAsync();
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    /// <summary>An instant query's series, as label sets.</summary>
    public async Task<IReadOnlyList<JsonObject>> QueryAsync(string promql)
    {
        using var http = new HttpClient();
        var body = JsonNode.Parse(await http.GetStringAsync($"{Prometheus.Url}/api/v1/query?query={Uri.EscapeDataString(promql)}"))!;
        return [.. body["data"]!["result"]!.AsArray().Select(r => r!["metric"]!.AsObject())];
    }

    /// <summary>How often the every-second rule groups (burn rates, alerts) have run so far, from Prometheus's own /metrics.</summary>
    public async Task<double> RuleEvaluationsAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync($"{Prometheus.Url}/metrics");
        var counts = text.Split('\n').Where(l => l.StartsWith("prometheus_rule_group_iterations_total{", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return counts.Count == 0 ? 0 : counts.Max();
    }

    public async ValueTask DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await Alertmanager.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
