using System.Diagnostics;
using System.Collections.Concurrent;
using System.Net;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// The real collector, started as its own process from its build output in standalone mode
/// (<c>--manifests</c>), as a user runs it. Its console output is kept for failure messages.
/// </summary>
internal sealed class CollectorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http;

    private CollectorProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUrl { get; }
    public Uri IngestUrl => new(BaseUrl, "/v1/rum");

    /// <summary>The last lines the collector wrote, for a failing test's message.</summary>
    public string RecentOutput => string.Join('\n', _output);

    public static async Task<CollectorProcess> StartAsync(string manifests, int port)
    {
        var dll = RumOperator.LocalStack.SourceTree.CollectorDll(typeof(CollectorProcess).Assembly);
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build collector/RumCollector.csproj first");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { dll, "--manifests", manifests, "--urls", $"http://127.0.0.1:{port}", "--log-format", "text" },
        };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var collector = new CollectorProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => collector.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => collector.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await collector.WaitUntilReadyAsync();
        return collector;
    }

    public async Task<string> ScrapeAsync() => await _http.GetStringAsync("/metrics");

    private Task WaitUntilReadyAsync() =>
        Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"collector exited with code {_process.ExitCode}:\n{RecentOutput}");
            try
            {
                using var ready = await _http.GetAsync("/readyz");
                return ready.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, StartTimeout, () => $"collector not ready:\n{RecentOutput}");

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines) _output.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
