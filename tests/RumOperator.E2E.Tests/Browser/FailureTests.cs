using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class FailureTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ThrownError_CountsAnErrorSession()
    {
        const string release = "thrown-error";
        await using var scenario = await fixture.NewScenarioAsync();
        await scenario.OpenAsync("/fail/throw", new { release });

        var series = Series.Shop(release, "/fail/:what");
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.ErrorSessions, 1, series));
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.JsErrors, 1, [.. series, ("kind", "js")]));
        var beacons = await scenario.BeaconsWhenAsync(all => all.SelectMany(b => b.Events).Any(e => e.Text("type") == "error"));
        var error = beacons.SelectMany(b => b.Events).Single(e => e.Text("type") == "error");
        Assert.Contains("checkout button exploded", error.Text("message"));
    }

    [Fact]
    public async Task MissingScript_CountsAFailedFirstPartyResource()
    {
        const string release = "missing-script";
        await using var scenario = await fixture.NewScenarioAsync();
        await scenario.OpenAsync("/fail/missing-script", new { release });

        var series = Series.Shop(release, "/fail/:what", ("party", "first"), ("outcome", RumMetrics.OutcomeError));
        Assert.Equal(1, await fixture.WaitForAsync(RumMetrics.ResourceRequests, 1, series));
        static bool Is404(System.Text.Json.JsonElement e) => e.Text("type") == "resource" && e.GetProperty("status").GetInt32() == 404;
        var beacons = await scenario.BeaconsWhenAsync(all => all.SelectMany(b => b.Events).Any(Is404));
        var failed = beacons.SelectMany(b => b.Events).Single(Is404);
        Assert.Equal(scenario.Url("/static/missing.js"), failed.Text("url"));
        Assert.Equal("first", failed.Text("party"));
    }
}
