using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PageLoadTests(BrowserFixture fixture)
{
    [Fact]
    public async Task PageLoad_PutsPageViewAndVitalsIntoMetrics_WithAppRouteAndReleaseLabels()
    {
        const string release = "page-load";
        await using var scenario = await fixture.NewScenarioAsync();
        var page = await scenario.OpenAsync("/", new { release });
        // A real input ends LCP's observation, so web-vitals reports it without the page being hidden.
        await page.ClickAsync("#title");

        var series = Series.Shop(release, "/");
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, [.. series, ("outcome", RumMetrics.OutcomeOk)]));
        Assert.Equal(1, await fixture.WaitForAsync(Series.CountOf(VitalName.Lcp), 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(Series.CountOf(VitalName.Fcp), 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(Series.CountOf(VitalName.Ttfb), 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.Sessions, 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.TraceCorrelated, 1, series));

        var metrics = await fixture.ScrapeAsync();
        Assert.Equal(1, metrics.Sum(RumMetrics.PageViews, [.. series, ("browser", "chrome"), ("device", "desktop")]));
        var lcpSeconds = metrics.Sum(RumMetrics.ForVital(VitalName.Lcp).Metric + "_sum", series);
        Assert.InRange(lcpSeconds, 0.001, 30);
    }

    [Fact]
    public async Task SpaNavigation_ReportsTheRouteTemplate()
    {
        const string release = "spa";
        await using var scenario = await fixture.NewScenarioAsync();
        var page = await scenario.OpenAsync("/", new { release });
        await page.ClickAsync("#spa-link");
        Assert.EndsWith("/product/42", page.Url);

        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, Series.Shop(release, "/product/:id")));
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, Series.Shop(release, "/")));

        // The SDK named the template itself; the raw path travels only in page.url, never as a label.
        var beacons = await scenario.BeaconsWhenAsync(all => all.Any(b => b.HasEvent("pageview", "navigationType", "soft-navigation")));
        var softView = beacons
            .Where(b => b.HasEvent("pageview", "navigationType", "soft-navigation"))
            .Select(b => b.Json.GetProperty("page"))
            .Single();
        Assert.Equal("/product/:id", softView.Text("route"));
        Assert.Equal(scenario.Url("/product/42"), softView.Text("url"));
        Assert.Equal(scenario.Url("/"), softView.Text("referrer"));
        Assert.False((await fixture.ScrapeAsync()).AnySeriesWith("route", "/product/42"));
    }
}
