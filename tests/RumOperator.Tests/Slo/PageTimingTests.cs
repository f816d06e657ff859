using RumOperator.Slo;

namespace RumOperator.Tests.Slo;

/// <summary>
/// The paging promises, through promtool, with six hours of history (enough for every page
/// window): a total outage pages within 5 minutes from 99 % to 99.9 %, 20x pages as the
/// workbook says, a 1x burn never pages.
/// </summary>
public class PageTimingTests
{
    private const int History = 6 * 60;

    [Theory]
    [InlineData(99.0)]
    [InlineData(99.5)]
    [InlineData(99.9)]
    [InlineData(99.99)]
    public void ATotalOutagePagesWithinFiveMinutes(double objective)
    {
        var spans = PromtoolHarness.Run(Scenarios.Slo(objective: (decimal)objective), [Scenarios.Release("1.0",
            Phase.Healthy(History, Scenarios.Traffic), Phase.Outage(15, Scenarios.Traffic))], $"outage-{objective}");
        var page = Assert.Single(spans, s => s.Alert == RuleNames.PageAlert);
        Assert.InRange(page.FirstMinute - History, 0, 5);
    }

    [Fact]
    public void A20xBurnPagesWhenTheHourWindowHasSpent2PercentOfTheBudget()
    {
        var spans = PromtoolHarness.Run(Scenarios.Slo(objective: 99.9m), [Scenarios.Release("1.0",
            Phase.Healthy(History, Scenarios.Traffic), Phase.Burning(60, Scenarios.Traffic, 20, 99.9m))], "20x");
        var page = Assert.Single(spans, s => s.Alert == RuleNames.PageAlert);
        // 14.4 / 20 of an hour: 43.2 minutes.
        Assert.InRange(page.FirstMinute - History, 42, 46);
    }

    [Fact]
    public void A1xBurnNeverPages()
    {
        var spans = PromtoolHarness.Run(Scenarios.Slo(objective: 99m), [Scenarios.Release("1.0",
            Phase.Healthy(History, Scenarios.Traffic), Phase.Burning(12 * 60, Scenarios.Traffic, 1, 99m))], "1x");
        Assert.DoesNotContain(spans, s => s.Alert == RuleNames.PageAlert);
    }

    [Fact]
    public void A5xBurnForSixHoursDoesNotPageButA7xBurnDoes()
    {
        // Just below and above the 6x/6h condition: the thresholds are where the workbook puts them.
        var below = PromtoolHarness.Run(Scenarios.Slo(objective: 99.5m), [Scenarios.Release("1.0",
            Phase.Healthy(History, Scenarios.Traffic), Phase.Burning(7 * 60, Scenarios.Traffic, 5, 99.5m))], "5x");
        var above = PromtoolHarness.Run(Scenarios.Slo(objective: 99.5m), [Scenarios.Release("1.0",
            Phase.Healthy(History, Scenarios.Traffic), Phase.Burning(7 * 60, Scenarios.Traffic, 7, 99.5m))], "7x");
        Assert.DoesNotContain(below, s => s.Alert == RuleNames.PageAlert);
        Assert.Contains(above, s => s.Alert == RuleNames.PageAlert);
    }
}
