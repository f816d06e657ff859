using System.Text.Json;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DeliveryTests(BrowserFixture fixture)
{
    /// <summary>Longer than any test: only the page's own leaving, or an explicit flush, sends.</summary>
    private const int NoTimedFlush = 600_000;

    [Fact]
    public async Task Offline_QueuesInLocalStorage_AndDeliversOnTheNextLoad()
    {
        const string release = "offline";
        await using var scenario = await fixture.NewScenarioAsync();
        var page = await scenario.OpenAsync("/", new { release, flushInterval = NoTimedFlush });

        await scenario.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("rum.flush()");
        var queued = JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string?>("localStorage.getItem('rum_q')") ?? "[]")!;
        var queuedView = Assert.Single(queued.Select(body => new SentBeacon(body)), b => b.HasEvent("pageview"));
        Assert.Equal(release, queuedView.Release);
        Assert.Empty(scenario.Beacons);

        // Back online, the next page of the origin sends what the first one queued.
        await scenario.Context.SetOfflineAsync(false);
        await page.GotoAsync(scenario.Url("/product/7"));

        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, Series.Shop(release, "/")));
        Assert.Contains(await scenario.BeaconsWhenAsync(all => all.Any(b => b.Body == queuedView.Body)), b => b.Body == queuedView.Body);
        await Eventually.UntilAsync(
            () => page.EvaluateAsync<string?>("localStorage.getItem('rum_q')"),
            q => q is null,
            q => $"rum_q still holds {q}");
    }

    [Fact]
    public async Task ClosingTheTab_DeliversViaSendBeacon()
    {
        const string release = "tab-close";
        await using var scenario = await fixture.NewScenarioAsync();
        var page = await scenario.OpenAsync("/", new { release, flushInterval = NoTimedFlush }, SendBeaconSpy.Script);
        Assert.Empty(scenario.Beacons);

        await page.CloseAsync(new() { RunBeforeUnload = true });

        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.PageViews, 1, Series.Shop(release, "/")));
        var call = Assert.Single(await SendBeaconSpy.CallsAsync(scenario), c => new SentBeacon(c.Body).HasEvent("pageview"));
        Assert.True(call.Sent);
        // sendBeacon cannot set headers: the key rides in the query.
        Assert.Contains("key=" + ShopApp.Key, call.Url);
    }
}
