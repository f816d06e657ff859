using RumOperator.Slo;

namespace RumOperator.Tests.Slo;

/// <summary>Each SLI kind, through promtool: a total outage pages within 5 minutes and the page stops after recovery.</summary>
public class SliKindScenarioTests
{
    private const int Before = 90, OutageMinutes = 20, After = 120;

    [Theory]
    [InlineData("vital")]
    [InlineData("pageLoad")]
    [InlineData("jsErrorSession")]
    [InlineData("resource")]
    [InlineData("transaction")]
    public void Outage_pages_fast_and_stops_after_recovery(string kind)
    {
        var spans = PromtoolHarness.Run(Scenarios.Slo(kind), [Scenarios.Release("1.0",
            Phase.Healthy(Before, Scenarios.Traffic), Phase.Outage(OutageMinutes, Scenarios.Traffic), Phase.Healthy(After, Scenarios.Traffic))], kind);

        var page = Assert.Single(spans, s => s.Alert == RuleNames.PageAlert);
        Assert.Equal("1.0", page.Release);
        Assert.InRange(page.FirstMinute - Before, 0, 5);
        Assert.InRange(page.LastMinute, Before + OutageMinutes, Before + OutageMinutes + 60);
        Assert.True(page.LastMinute < Before + OutageMinutes + After - 10, $"page never stopped: {page}");
    }
}
