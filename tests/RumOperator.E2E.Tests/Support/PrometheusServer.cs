using System.Text.Json.Nodes;
using RumOperator.E2E.Tests.ReleaseGuard;
using RumOperator.LocalStack;

namespace RumOperator.E2E.Tests;

/// <summary>
/// A real Prometheus on loopback that scrapes one collector every second as job <c>job</c> with a <c>namespace</c>
/// target label (what a ServiceMonitor gives in a cluster), evaluates the given rule file every second, and answers
/// instant queries.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _dir;

    private PrometheusServer(string dir, ToolProcess process)
    {
        _dir = dir;
        Process = process;
    }

    public ToolProcess Process { get; }
    public string Url => Process.Url;

    public static async Task<PrometheusServer> StartAsync(string rulesYaml, Uri collector, string job, string ns)
    {
        var dir = Directory.CreateTempSubdirectory("rum-prometheus-").FullName;
        var port = Loopback.FreePort();
        File.WriteAllText(Path.Combine(dir, MonitoringConfig.RulesFile), rulesYaml);
        // The local stack's configuration: the same scrape job and labels a ServiceMonitor gives.
        File.WriteAllText(Path.Combine(dir, "prometheus.yml"), MonitoringConfig.Prometheus([new ScrapeTarget(job, ns, collector.Authority)], alertmanagerPort: null));
        try
        {
            var process = await ToolProcess.StartAsync("prometheus", port,
            [
                $"--config.file={dir}/prometheus.yml", $"--storage.tsdb.path={dir}/data",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            ]);
            return new PrometheusServer(dir, process);
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    /// <summary>An instant query's result, or the error Prometheus reports (a parse error, a bad vector match).</summary>
    public async Task<QueryResult> QueryAsync(string promql)
    {
        using var response = await Http.GetAsync($"{Process.Url}/api/v1/query?query={Uri.EscapeDataString(promql)}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        if (body["status"]?.GetValue<string>() != "success")
            return new QueryResult([], $"{body["errorType"]}: {body["error"]}");
        var samples = body["data"]!["result"]!.AsArray()
            .Select(r => new Sample(r!["metric"]!.AsObject(), double.Parse(r["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return new QueryResult(samples, body["warnings"] is JsonArray { Count: > 0 } w ? $"warnings: {w.ToJsonString()}" : null);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

internal sealed record Sample(JsonObject Labels, double Value);

internal sealed record QueryResult(IReadOnlyList<Sample> Samples, string? Error);
