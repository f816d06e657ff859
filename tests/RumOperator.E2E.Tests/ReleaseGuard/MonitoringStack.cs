using System.Text.Json.Nodes;

namespace RumOperator.E2E.Tests.ReleaseGuard;

/// <summary>
/// Prometheus (scrape and rule evaluation every second, alerts re-sent every second) and Alertmanager (group wait
/// and interval 1 s, repeat 2 s, clustering off) on loopback, with temporary data directories, routing
/// RumSLOPageBurn to the operator's /alerts with a bearer token.
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

    public static async Task<MonitoringStack> StartAsync(string rulesYaml, int collectorPort, string receiverUrl, string token, int prometheusPort)
    {
        var dir = Directory.CreateTempSubdirectory("rum-release-guard-").FullName;
        var alertmanagerPort = Loopback.FreePort();
        File.WriteAllText(Path.Combine(dir, "rules.yaml"), rulesYaml);
        File.WriteAllText(Path.Combine(dir, "prometheus.yml"), $"""
            global: {"{"} scrape_interval: 1s, evaluation_interval: 1s {"}"}
            rule_files: [rules.yaml]
            alerting:
              alertmanagers:
              - static_configs: [{"{"} targets: ["127.0.0.1:{alertmanagerPort}"] {"}"}]
            scrape_configs:
            - job_name: synthetic-collector
              static_configs: [{"{"} targets: ["127.0.0.1:{collectorPort}"] {"}"}]
            """);
        File.WriteAllText(Path.Combine(dir, "alertmanager.yml"), $"""
            route:
              receiver: blackhole
              routes:
              - receiver: rum-operator
                matchers: ['alertname="RumSLOPageBurn"']
                group_by: [alertname, slo, namespace, release]
                group_wait: 1s
                group_interval: 1s
                repeat_interval: 2s
            receivers:
            - name: blackhole
            - name: rum-operator
              webhook_configs:
              - url: {receiverUrl}
                send_resolved: true
                http_config:
                  authorization: {"{"} type: Bearer, credentials: "{token}" {"}"}
            """);
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

    public async ValueTask DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await Alertmanager.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
