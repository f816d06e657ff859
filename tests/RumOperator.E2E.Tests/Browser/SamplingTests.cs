using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SamplingTests(BrowserFixture fixture)
{
    private const double SampleRate = 0.25;

    [Fact]
    public async Task SampledSession_IsWeightedByTheInverseRate_AndAnUnsampledOneSendsNothing()
    {
        const string sampledOut = "sampled-out", sampledIn = "sampled-in";
        await using var outScenario = await fixture.NewScenarioAsync();
        await outScenario.OpenAsync("/", new { release = sampledOut, sampleRate = SampleRate }, SdkSessions.SeedScript(SdkSessions.FindId(p => p >= SampleRate)));
        await using var inScenario = await fixture.NewScenarioAsync();
        var page = await inScenario.OpenAsync("/", new { release = sampledIn, sampleRate = SampleRate }, SdkSessions.SeedScript(SdkSessions.FindId(p => p < SampleRate)));
        await page.ClickAsync("#title");

        // One page view of a session kept at 0.25 stands for four.
        var series = Series.Shop(sampledIn, "/");
        Assert.Equal(4, await fixture.WaitForAsync(RumMetrics.PageViews, 4, series));
        Assert.Equal(4, await fixture.WaitForAsync(Series.CountOf(VitalName.Fcp), 4, series));
        Assert.All(inScenario.Beacons, b => Assert.Equal(SampleRate, b.Json.GetProperty("session").GetProperty("sampleRate").GetDouble()));

        // The unsampled page loaded first; by now its beacons would have been counted.
        Assert.Empty(outScenario.Beacons);
        Assert.False((await fixture.ScrapeAsync()).AnySeriesWith("release", sampledOut));
    }
}
