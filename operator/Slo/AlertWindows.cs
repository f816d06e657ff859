using RumOperator.Api;

namespace RumOperator.Slo;

public enum AlertTier { Page, Ticket }

/// <summary>One multi-window condition: burn above Factor over both the long and the short window.</summary>
public sealed record BurnCondition(AlertTier Tier, decimal Factor, TimeSpan Long, TimeSpan Short);

/// <summary>The alert windows of one SLO, scaled to its window and floored to its scrape interval.</summary>
public sealed record AlertWindowPlan(IReadOnlyList<BurnCondition> Conditions, TimeSpan SloWindow, TimeSpan Floor)
{
    /// <summary>Every window a burn rate is recorded for, shortest first; page and ticket share them.</summary>
    public IReadOnlyList<TimeSpan> Windows => Conditions.SelectMany(c => new[] { c.Long, c.Short }).Distinct().Order().ToList();

    public BurnCondition FastestPage => Conditions.First(c => c.Tier == AlertTier.Page);
}

/// <summary>
/// The SRE workbook's table (for a 30-day window, which we apply to 28d as Pyrra does), scaled
/// with the SLO window so a 1d SLO gets alert windows of minutes and seconds. Data, not code:
/// every rule name and window comes from this table.
/// </summary>
public static class AlertWindows
{
    public static readonly TimeSpan ReferenceWindow = TimeSpan.FromDays(28);

    /// <summary>An alert window must span this many scrapes, or rate() has too few samples.</summary>
    public const int ScrapesPerWindow = 4;

    public static readonly IReadOnlyList<BurnCondition> Workbook =
    [
        new(AlertTier.Page, 14.4m, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)),
        new(AlertTier.Page, 6m, TimeSpan.FromHours(6), TimeSpan.FromMinutes(30)),
        new(AlertTier.Ticket, 3m, TimeSpan.FromDays(1), TimeSpan.FromHours(2)),
        new(AlertTier.Ticket, 1m, TimeSpan.FromDays(3), TimeSpan.FromHours(6)),
    ];

    public static AlertWindowPlan Plan(TimeSpan sloWindow, TimeSpan scrapeInterval)
    {
        var floor = scrapeInterval * ScrapesPerWindow;
        var scale = sloWindow / ReferenceWindow;
        var conditions = Workbook
            .Select(c => c with { Long = Scale(c.Long, scale, floor), Short = Scale(c.Short, scale, floor) })
            .ToList();
        return new AlertWindowPlan(conditions, sloWindow, floor);
    }

    /// <summary>Why the windows cannot work (a short window as long as its long window), or null.</summary>
    public static string? Inconsistency(AlertWindowPlan plan)
    {
        var bad = plan.Conditions.FirstOrDefault(c => c.Short >= c.Long);
        return bad is null ? null
            : $"window {PromDuration.Format(plan.SloWindow)} is too short for a scrape interval of {PromDuration.Format(plan.Floor / ScrapesPerWindow)}: " +
              $"the {bad.Factor}x alert's windows scale to {PromDuration.Format(bad.Long)} and {PromDuration.Format(bad.Short)}, " +
              $"but each must span {ScrapesPerWindow} scrapes ({PromDuration.Format(plan.Floor)}); lengthen the window or shorten the scrape interval";
    }

    private static TimeSpan Scale(TimeSpan window, double scale, TimeSpan floor)
    {
        var seconds = Math.Max(1, Math.Round(window.TotalSeconds * scale));
        var scaled = TimeSpan.FromSeconds(seconds);
        return scaled < floor ? floor : scaled;
    }
}
