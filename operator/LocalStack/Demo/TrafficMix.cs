namespace RumOperator.LocalStack.Demo;

/// <summary>One release's share of the shop's traffic, and whether it is the slow one.</summary>
public sealed record ReleaseShare(string Release, double Share, bool Slow);

/// <summary>
/// Which releases real users run (pure). After a rollout most sessions load the new release while tabs opened
/// before it keep the old one, as RUM sees it; a single release otherwise.
/// </summary>
public static class TrafficMix
{
    /// <summary>Share of sessions still on the previous release while a new one is live.</summary>
    public const double OldTabs = 0.3;

    public static IReadOnlyList<ReleaseShare> For(string? running, DemoReleases releases)
    {
        var current = running ?? releases.Stable;
        if (current == releases.Stable) return [new ReleaseShare(current, 1, Slow: false)];
        return
        [
            new ReleaseShare(current, 1 - OldTabs, Slow: current == releases.Failing),
            new ReleaseShare(releases.Stable, OldTabs, Slow: false),
        ];
    }

    /// <summary>The release for a draw in [0, 1).</summary>
    public static ReleaseShare Pick(IReadOnlyList<ReleaseShare> mix, double draw)
    {
        var sum = 0.0;
        foreach (var share in mix)
        {
            sum += share.Share;
            if (draw < sum) return share;
        }
        return mix[^1];
    }
}
