using RumOperator.Slo;

namespace RumOperator.Tests.Slo;

/// <summary>What must not page, and what must page for one release only, through promtool.</summary>
public class GuardScenarioTests
{
    [Fact]
    public void Traffic_below_min_events_never_pages_even_in_a_total_outage()
    {
        // 5 events a minute: 300 an hour, below minEvents 500 in the page's 1h window.
        var spans = PromtoolHarness.Run(Scenarios.Slo(minEvents: 500), [Scenarios.Release("1.0",
            Phase.Healthy(90, 5), Phase.Outage(120, 5))], "low-traffic");
        Assert.DoesNotContain(spans, s => s.Alert == RuleNames.PageAlert);
        // The ticket's 1d window reaches 500 events at minute 100, and not a minute before.
        var ticket = Assert.Single(spans, s => s.Alert == RuleNames.TicketAlert);
        Assert.InRange(ticket.FirstMinute, 100, 102);
    }

    [Fact]
    public void The_same_outage_with_enough_traffic_pages()
    {
        // The control for the test above: only the traffic differs.
        var spans = PromtoolHarness.Run(Scenarios.Slo(minEvents: 500), [Scenarios.Release("1.0",
            Phase.Healthy(90, 50), Phase.Outage(120, 50))], "enough-traffic");
        Assert.Contains(spans, s => s.Alert == RuleNames.PageAlert);
    }

    [Fact]
    public void A_bad_canary_pages_for_its_release_and_not_for_the_stable_one()
    {
        // Stable 1.0 takes 95 % of traffic at a healthy 0.1 % error rate; canary 2.0 starts at
        // minute 120 with 5 % of traffic and 50 % errors. Overall that is 2.6 % errors, but
        // each release burns its own budget.
        const int canaryStart = 120;
        var spans = PromtoolHarness.Run(Scenarios.Slo(objective: 99m), [
            Scenarios.Release("1.0", new Phase(canaryStart + 60, 950, 0.001)),
            Scenarios.Release("2.0", Phase.Absent(canaryStart), new Phase(60, 50, 0.5)),
        ], "canary");

        var page = Assert.Single(spans, s => s.Alert == RuleNames.PageAlert);
        Assert.Equal("2.0", page.Release);
        // At 50 events a minute the canary needs 10 minutes to reach minEvents (500): it pages then.
        Assert.InRange(page.FirstMinute - canaryStart, 10, 12);
        Assert.DoesNotContain(spans, s => s.Release == "1.0");
    }
}
