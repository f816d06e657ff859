using System.Text.Json;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ErrorGroupTests(BrowserFixture fixture)
{
    private static bool IsError(JsonElement e) => e.Text("type") == "error";

    [Fact]
    public async Task An_error_from_an_esbuild_minified_bundle_is_grouped_under_its_original_file_and_function()
    {
        const string release = "minified";
        await using var scenario = await fixture.NewScenarioAsync();
        // The inline onclick frame carries the page URL: its query must not leave the browser.
        var page = await scenario.OpenAsync("/fail/minified?email=ann%40example.com", new { release });

        await page.ClickAsync("#buy");
        // The first error misses the cache and is counted as thrown; the map is fetched in the background.
        await fixture.WaitForAsync(ErrorGroupMetrics.SourceMapLoads, 1);
        await page.ClickAsync("#buy");
        await page.ClickAsync("#buy");

        var exported = await fixture.WaitForExportedAsync(release, all => all.Count(IsError) >= 3);
        var errors = exported.Where(IsError).ToList();
        var first = errors[0].Text("stack");
        var last = errors[^1].Text("stack");
        Assert.Contains("checkout.min.js:1:", first);
        Assert.Matches(@"at placeOrder \(src/checkout\.ts:16:\d+\)", last);
        Assert.Matches(@"at shopCheckout \(src/checkout\.ts:21:\d+\)", last);
        Assert.All(errors, e => Assert.DoesNotContain("email", e.GetRawText()));
        var group = errors[0].Text("group") ?? "";
        Assert.Matches("^[0-9a-f]{16}$", group);
        Assert.All(errors, e => Assert.Equal(group, e.Text("group")));

        var snapshot = await Eventually.UntilAsync(fixture.ScrapeAsync,
            s => s.Sum(ErrorGroupMetrics.Events, (ErrorGroupMetrics.Group, group)) >= 2,
            s => $"{ErrorGroupMetrics.Events}{{group=\"{group}\"}} = {s.Sum(ErrorGroupMetrics.Events, (ErrorGroupMetrics.Group, group))}");
        var info = Assert.Single(snapshot.Samples, s => s.Name == ErrorGroupMetrics.Info && s.Labels[ErrorGroupMetrics.Group] == group);
        Assert.Equal("src/checkout.ts:placeOrder", info.Labels[ErrorGroupMetrics.Frame]);
        Assert.Equal("TypeError", info.Labels[ErrorGroupMetrics.Type]);
        Assert.Equal("cannot place an order without lines", info.Labels[ErrorGroupMetrics.Message]);
        Assert.Equal(ShopApp.Name, info.Labels[ErrorGroupMetrics.App]);
        // One-off errors are counted as __other__ until a group recurs: the 2nd and 3rd have the group's own series.
        Assert.Equal(2, snapshot.Sum(ErrorGroupMetrics.Events, (ErrorGroupMetrics.App, ShopApp.Name), (ErrorGroupMetrics.Release, release), (ErrorGroupMetrics.Group, group)));
    }
}
