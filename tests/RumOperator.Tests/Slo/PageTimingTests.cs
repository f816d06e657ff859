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
    public void A_total_outage_pages_within_five_minutes(double objective)
    {
        var spans = PromtoolHarness.Run(Scenarios.Slo(objective: (decimal)objective), [Scenarios.Release("1.0",
            Phase.Healthy(History, Scenarios.Traffic), Phase.Outage(15, Scenarios.Traffic))], $"outage-{objective}");
        var page = Assert.Single(spans, s => s.Alert == RuleNames.PageAlert);
        Assert.InRange(page.FirstMinute - History, 0, 5);
    }

    [Fact]
    public void A_20x_burn_pages_when_the_hour_window_has_spent_2_percent_of_the_budget()
    {
        var spans = PromtoolHarness.Run(Scenarios.Slo(objective: 99.9m), [Scenarios.Release("1.0",
            Phase.Healthy(History, Scenarios.Traffic), Phase.Burning(60, Scenarios.Traffic, 20, 99.9m))], "20x");
        var page = Assert.Single(spans, s => s.Alert == RuleNames.PageAlert);
        // 14.4 / 20 of an hour: 43.2 minutes.
        Assert.InRange(page.FirstMinute - History, 42, 46);
    }

    [Fact]
    public void A_1x_burn_never_pages()
    {
        var spans = PromtoolHarness.Run(Scenarios.Slo(objective: 99m), [Scenarios.Release("1.0",
            Phase.Healthy(History, Scenarios.Traffic), Phase.Burning(12 * 60, Scenarios.Traffic, 1, 99m))], "1x");
        Assert.DoesNotContain(spans, s => s.Alert == RuleNames.PageAlert);
    }

    [Fact]
    public void A_5x_burn_for_six_hours_does_not_page_but_a_7x_burn_does()
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
