using RumOperator.LocalStack;
using RumOperator.LocalStack.Processes;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// The real collector, started as its own process from its build output in standalone mode
/// (<c>--manifests</c>), as a user runs it, through the local stack's <see cref="ChildProcess"/>. Its console
/// output is kept for failure messages.
/// </summary>
internal sealed class CollectorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private CollectorProcess(ChildProcess process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUrl { get; }
    public Uri IngestUrl => new(BaseUrl, "/v1/rum");

    /// <summary>The last lines the collector wrote, for a failing test's message.</summary>
    public string RecentOutput => _process.RecentOutput;

    public static async Task<CollectorProcess> StartAsync(string manifests, int port)
    {
        var dll = SourceTree.CollectorDll(typeof(CollectorProcess).Assembly);
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build collector/RumCollector.csproj first");
        var process = ChildProcess.Start("collector", "dotnet",
            [dll, "--manifests", manifests, "--urls", $"http://127.0.0.1:{port}", "--log-format", "text"]);
        var collector = new CollectorProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await process.WaitReadyAsync(new Uri(collector.BaseUrl, "/readyz").ToString(), StartTimeout, CancellationToken.None);
        }
        catch
        {
            await collector.DisposeAsync();
            throw;
        }
        return collector;
    }

    public async Task<string> ScrapeAsync() => await _http.GetStringAsync("/metrics");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }
}
