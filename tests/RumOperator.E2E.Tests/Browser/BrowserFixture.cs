using System.Text.Json;
using Microsoft.Playwright;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// Shared by every browser scenario: one real collector process, the shop site and one headless
/// Chromium. Tests keep apart by release label and by browser context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium (scripts/install-tools.sh); Playwright's own browser downloads are not reachable.</summary>
    internal static readonly string ChromiumPath = Environment.GetEnvironmentVariable("RUM_E2E_CHROMIUM") ?? "/usr/bin/chromium";

    internal static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _workDir = Directory.CreateTempSubdirectory("rum-e2e-browser-").FullName;
    private ShopSite? _site;
    private CollectorProcess? _collector;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private ShopSite Site => _site ?? throw new InvalidOperationException("fixture not started");
    private CollectorProcess Collector => _collector ?? throw new InvalidOperationException("fixture not started");
    private IBrowser Browser => _browser ?? throw new InvalidOperationException("fixture not started");

    /// <summary>The collector's JSON Lines export (spec.export.file.path): raw events after its privacy stage.</summary>
    private string ExportFile => Path.Combine(_workDir, "events.jsonl");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/install-tools.sh");
        var collectorPort = Loopback.FreePort();
        var collectorUrl = new Uri($"http://127.0.0.1:{collectorPort}/");
        _site = await ShopSite.StartAsync(new Uri(collectorUrl, "/v1/rum"), await MinifiedBundle.BuildAsync(Path.Combine(_workDir, "app")));

        var manifests = Path.Combine(_workDir, "manifests.yaml");
        await File.WriteAllTextAsync(manifests, ShopApp.Manifests(_site.BaseUrl, ExportFile));
        _collector = await CollectorProcess.StartAsync(manifests, collectorPort);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task<BrowserScenario> NewScenarioAsync() =>
        new(await Browser.NewContextAsync(), Site.BaseUrl, Collector.IngestUrl);

    /// <summary>The exported events of one release once <paramref name="done"/> holds for them.</summary>
    public Task<IReadOnlyList<JsonElement>> WaitForExportedAsync(string release, Func<IReadOnlyList<JsonElement>, bool> done) =>
        Eventually.UntilAsync(
            () => Task.FromResult(Exported(release)),
            done,
            events => $"{events.Count} exported events of release {release} in {ExportFile}, none as expected\ncollector output:\n{Collector.RecentOutput}");

    /// <summary>A scenario whose pages send Grafana Faro payloads to the collector's Faro receiver.</summary>
    public async Task<BrowserScenario> NewFaroScenarioAsync() =>
        new(await Browser.NewContextAsync(), Site.BaseUrl, new Uri(Collector.BaseUrl, "/collect"));

    public async Task<MetricsSnapshot> ScrapeAsync() => MetricsSnapshot.Parse(await Collector.ScrapeAsync());

    /// <summary>
    /// Waits until the sum of <paramref name="metric"/> over the matching series reaches
    /// <paramref name="atLeast"/> and returns it: a test then asserts the exact value, so an over-count fails too.
    /// </summary>
    public async Task<double> WaitForAsync(string metric, double atLeast, params (string Label, string Value)[] labels)
    {
        var snapshot = await Eventually.UntilAsync(
            ScrapeAsync,
            s => s.Sum(metric, labels) >= atLeast,
            s => $"{metric}{{{string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\""))}}} = {s.Sum(metric, labels)}, want ≥ {atLeast}\n"
                 + $"refused by the collector: {Refusals(s)}\n"
                 + $"collector output:\n{Collector.RecentOutput}");
        return snapshot.Sum(metric, labels);
    }

    private static string Refusals(MetricsSnapshot s) => string.Join(", ", s.Samples
        .Where(x => x.Name is RumMetrics.EventsDropped or "rum_beacons_rejected_total")
        .Select(x => $"{x.Name}{{reason=\"{x.Labels.GetValueOrDefault("reason")}\"}} {x.Value}"));

    /// <summary>The exported events of one release, once at least <paramref name="atLeast"/> of them are written.</summary>
    public Task<IReadOnlyList<JsonElement>> WaitForExportedAsync(string release, int atLeast) =>
        Eventually.UntilAsync(
            () => Task.FromResult(Exported(release)),
            events => events.Count >= atLeast,
            events => $"{events.Count} exported events of release {release} in {ExportFile}, want ≥ {atLeast}");

    private IReadOnlyList<JsonElement> Exported(string release)
    {
        if (!File.Exists(ExportFile)) return [];
        using var stream = new FileStream(ExportFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        // The last line may be half written while the collector appends: only whole lines count.
        var lines = reader.ReadToEnd().Split('\n');
        return lines[..^1]
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("release", out var r) && r.GetString() == release)
            .ToList();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_collector is not null) await _collector.DisposeAsync();
        if (_site is not null) await _site.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }
}
