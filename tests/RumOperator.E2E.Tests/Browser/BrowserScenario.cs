using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// One test's browser context (its own localStorage, cache and network conditions) on the shared
/// browser, recording every beacon its pages send to the collector.
/// </summary>
public sealed class BrowserScenario : IAsyncDisposable
{
    private readonly Uri _site;
    private readonly ConcurrentQueue<SentBeacon> _beacons = new();

    internal BrowserScenario(IBrowserContext context, Uri site, Uri ingest)
    {
        Context = context;
        _site = site;
        IngestUrl = ingest;
        context.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.StartsWith(ingest.ToString(), StringComparison.Ordinal))
                _beacons.Enqueue(new SentBeacon(request.PostData ?? "", request.Url));
        };
    }

    public IBrowserContext Context { get; }

    /// <summary>Where this scenario's pages send their beacons.</summary>
    public Uri IngestUrl { get; }

    public IReadOnlyList<SentBeacon> Beacons => [.. _beacons];

    /// <summary>
    /// The recorded beacons once <paramref name="ready"/> holds: Playwright reports requests on its own
    /// event loop, which can lag behind the collector having counted them.
    /// </summary>
    public async Task<IReadOnlyList<SentBeacon>> BeaconsWhenAsync(Func<IReadOnlyList<SentBeacon>, bool> ready)
    {
        await Eventually.UntilAsync(() => ready(Beacons), TimeSpan.FromSeconds(20), () => $"{Beacons.Count} beacons recorded, none as expected");
        return Beacons;
    }

    /// <summary>
    /// Opens <paramref name="path"/> of the shop with the SDK options a test needs (release, sampleRate,
    /// consentRequired, …) and waits for the load event. <paramref name="setup"/> scripts run before the
    /// page's own, e.g. to store a session or watch a browser API.
    /// </summary>
    public async Task<IPage> OpenAsync(string path, object sdkOptions, params string[] setup)
    {
        var page = await Context.NewPageAsync();
        // Runs before the page's own scripts on every document this page loads.
        await page.AddInitScriptAsync(string.Join('\n', [$"window.__rumTest = {JsonSerializer.Serialize(sdkOptions)};", .. setup]));
        await page.GotoAsync(Url(path));
        return page;
    }

    /// <summary>
    /// Reads the origin's localStorage from a page without the SDK (a static file of the site), e.g.
    /// after the page that wrote it has closed.
    /// </summary>
    public async Task<string?> ReadStorageAsync(string key)
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Url("/static/rum.min.js"));
        var value = await page.EvaluateAsync<string?>("key => localStorage.getItem(key)", key);
        await page.CloseAsync();
        return value;
    }

    public string Url(string path) => new Uri(_site, path).ToString();

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
