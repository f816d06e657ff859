using System.Text.Json;
using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser.Faro;

/// <summary>
/// A page instrumented only with Grafana Faro's Web SDK (the real npm package, pinned in Faro/page/package.json)
/// sends to the collector's Faro receiver in Chromium, and shows up under the contract's metric names.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FaroTests(BrowserFixture fixture)
{
    private const string Route = "/faro/:page";

    /// <summary>Set to a folder to write the payloads the SDK sent there (the collector unit tests' fixtures).</summary>
    private static readonly string? CaptureDir = Environment.GetEnvironmentVariable("RUM_FARO_CAPTURE_DIR");

    [Fact]
    public async Task FaroPage_ShowsPageViewsVitalsAndErrors_UnderTheContractsMetricNames()
    {
        const string release = "2.4.1-faro";
        await using var scenario = await fixture.NewFaroScenarioAsync();
        var page = await OpenAsync(scenario, "/faro/checkout?email=jane%40example.com&utm_source=news&token=s3cr3t", release, gzip: false);
        await page.ClickAsync("#pay");
        // Leaving the page hides it: web-vitals reports LCP, CLS and INP, and Faro flushes its batch.
        await page.GotoAsync("about:blank");
        try
        {
            await AssertCheckoutSeenAsync(release);
        }
        finally
        {
            await CaptureAsync(scenario, "chromium-checkout");
        }
    }

    private async Task AssertCheckoutSeenAsync(string release)
    {
        var series = Series.Shop(release, Route);
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, [.. series, ("outcome", RumMetrics.OutcomeOk)]));
        Assert.Equal(1, await fixture.WaitForAsync(Series.CountOf(VitalName.Lcp), 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(Series.CountOf(VitalName.Fcp), 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(Series.CountOf(VitalName.Ttfb), 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(Series.CountOf(VitalName.Cls), 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.JsErrors, 1, [.. series, ("kind", "js")]));
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.Sessions, 1, series));

        var metrics = await fixture.ScrapeAsync();
        Assert.Equal(1, metrics.Sum(RumMetrics.PageViews, [.. series, ("browser", "chrome"), ("device", "desktop")]));
        Assert.InRange(metrics.Sum(RumMetrics.ForVital(VitalName.Lcp).Metric + "_sum", series), 0.001, 30);

        // The exported error carries Faro's type, value and frames; the page URL lost its query string but for the allowlist.
        var exported = await fixture.WaitForExportedAsync(release, 1);
        var error = Assert.Single(exported, e => e.Text("type") == "error");
        Assert.Equal("TypeError: payment widget exploded", error.Text("message"));
        Assert.Contains("faro/checkout", error.Text("stack"));
        var pageUrl = exported.Select(e => e.Text("page.url")).First(u => u is not null)!;
        Assert.EndsWith("/faro/checkout?utm_source=news", pageUrl);
        Assert.DoesNotContain(exported, e => e.GetRawText().Contains("s3cr3t") || e.GetRawText().Contains("jane"));
    }

    [Fact]
    public async Task FaroPage_WithRequestCompression_IsReadAsGzip()
    {
        const string release = "2.4.2-faro-gzip";
        await using var scenario = await fixture.NewFaroScenarioAsync();
        var page = await OpenAsync(scenario, "/faro/gzip", release, gzip: true);
        await page.ClickAsync("#pay");
        await page.GotoAsync("about:blank");

        var series = Series.Shop(release, Route);
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, series));
        // Exactly once: Faro's compressed transport may retry with the same Idempotency-Key while the first request is
        // still being processed; the collector claims the key before processing, so the retry is not counted again.
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.JsErrors, 1, series));
    }

    private static async Task<Microsoft.Playwright.IPage> OpenAsync(BrowserScenario scenario, string path, string release, bool gzip)
    {
        var page = await scenario.Context.NewPageAsync();
        var options = JsonSerializer.Serialize(new { url = scenario.IngestUrl, apiKey = ShopApp.Key, app = ShopApp.Name, version = release, gzip });
        await page.AddInitScriptAsync($"window.__faroTest = {options};");
        await page.GotoAsync(scenario.Url(path));
        return page;
    }

    private static async Task CaptureAsync(BrowserScenario scenario, string name)
    {
        if (CaptureDir is null) return;
        Directory.CreateDirectory(CaptureDir);
        var i = 0;
        foreach (var beacon in scenario.Beacons)
        {
            var pretty = JsonSerializer.Serialize(JsonDocument.Parse(beacon.Body).RootElement, new JsonSerializerOptions { WriteIndented = true });
            await File.WriteAllTextAsync(Path.Combine(CaptureDir, $"{name}-{i++:00}.json"), pretty + "\n");
        }
    }
}
