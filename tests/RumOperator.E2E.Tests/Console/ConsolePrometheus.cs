using RumOperator.E2E.Tests.ReleaseGuard;

namespace RumOperator.E2E.Tests.SloConsole;

/// <summary>Prometheus on loopback scraping the collector every second as job {pipeline}-collector in the pipeline's namespace, with the SLO engine's rules.</summary>
internal sealed class ConsolePrometheus : IAsyncDisposable
{
    private readonly string _dir;

    private ConsolePrometheus(string dir, ToolProcess process)
    {
        _dir = dir;
        Process = process;
    }

    public ToolProcess Process { get; }
    public string Url => Process.Url;

    public static async Task<ConsolePrometheus> StartAsync(string rulesYaml, int collectorPort, string job, string ns)
    {
        var dir = Directory.CreateTempSubdirectory("rum-console-").FullName;
        var port = Loopback.FreePort();
        File.WriteAllText(Path.Combine(dir, "rules.yaml"), rulesYaml);
        File.WriteAllText(Path.Combine(dir, "prometheus.yml"), $$"""
            global: { scrape_interval: 1s, evaluation_interval: 1s }
            rule_files: [rules.yaml]
            scrape_configs:
            - job_name: {{job}}
              static_configs: [{ targets: ["127.0.0.1:{{collectorPort}}"], labels: { namespace: {{ns}} } }]
            """);
        try
        {
            var process = await ToolProcess.StartAsync("prometheus", port,
            [
                $"--config.file={dir}/prometheus.yml", $"--storage.tsdb.path={dir}/data",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            ]);
            return new ConsolePrometheus(dir, process);
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
