using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PrivacyTests(BrowserFixture fixture)
{
    [Theory]
    // The visitor said no on an earlier visit: the app passes the stored choice to init.
    [InlineData("consent-denied-stored", false)]
    // Consent is required and the banner answers no after the page has started collecting.
    [InlineData("consent-denied-banner", true)]
    public async Task ConsentDenied_NothingReachesTheCollector(string denied, bool answeredInBanner)
    {
        var control = denied + "-control";
        object options = answeredInBanner ? new { release = denied, consentRequired = true } : new { release = denied, consent = "denied" };
        await using var scenario = await fixture.NewScenarioAsync();
        var page = await scenario.OpenAsync("/", options, SendBeaconSpy.Script);
        // What would be reported: a view, vitals, an error, an SPA view, and the page being closed.
        await page.ClickAsync("#spa-link");
        await page.EvaluateAsync("setTimeout(() => { throw new Error('after load'); })");
        if (answeredInBanner) await page.EvaluateAsync("rum.setConsent('denied')");
        await page.EvaluateAsync("rum.flush()");
        await page.CloseAsync(new() { RunBeforeUnload = true });

        // A page of the same context with consent: once its view is counted, a beacon the denied page
        // sent before this page even loaded would have been counted as well.
        await scenario.OpenAsync("/", new { release = control });
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, Series.Shop(control)));

        Assert.All(await scenario.BeaconsWhenAsync(all => all.Count > 0), b => Assert.Equal(control, b.Release));
        Assert.Empty(await SendBeaconSpy.CallsAsync(scenario));
        Assert.False((await fixture.ScrapeAsync()).AnySeriesWith("release", denied));
    }

    [Fact]
    public async Task PiiInTheUrl_NeverLeavesTheBrowser()
    {
        const string release = "pii";
        string[] secrets = ["jane.doe", "example.com", "s3cr3t-token-123", "access_token", "oauth-abc"];
        await using var scenario = await fixture.NewScenarioAsync();
        var page = await scenario.OpenAsync(
            "/product/42?email=jane.doe%40example.com&token=s3cr3t-token-123&utm_source=newsletter#access_token=oauth-abc",
            new { release });
        await page.ClickAsync("#title");

        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, Series.Shop(release, "/product/:id")));
        Assert.Equal(1, await fixture.WaitForAsync(Series.CountOf(VitalName.Lcp), 1, Series.Shop(release)));
        var exported = await fixture.WaitForExportedAsync(release, 1);

        // What left the browser: the allowlisted parameter survives (so the URL was there to scrub), nothing else does.
        const string kept = "/product/42?utm_source=newsletter";
        Assert.All(await scenario.BeaconsWhenAsync(all => all.Count > 0), b =>
        {
            Assert.Equal(scenario.Url(kept), b.Json.GetProperty("page").Text("url"));
            foreach (var secret in secrets) Assert.DoesNotContain(secret, b.Body + b.Url);
        });
        // What the collector kept: metrics and the raw-event export.
        var metrics = await fixture.ScrapeAsync();
        Assert.DoesNotContain(metrics.Samples.SelectMany(s => s.Labels.Values), v => secrets.Any(v.Contains));
        // The collector's own redaction also masks the IP-literal host of this test site: compare the rest.
        Assert.All(exported, e => Assert.EndsWith(":" + new Uri(scenario.Url("/")).Port + kept, e.Text("page.url")));
    }
}
