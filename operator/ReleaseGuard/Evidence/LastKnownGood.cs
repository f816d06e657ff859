using RumOperator.Api;
using RumOperator.Metrics;
using RumOperator.PrometheusApi;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// Pure: the rule for status.lastKnownGoodRelease. A release qualifies when, for the RumSLO's own series, it
/// (1) served throughout the longest page window (events in every page window over it),
/// (2) had at least rollback.minEvents events over that window,
/// (3) does not burn at page level now, and
/// (4) was never rolled back, refused or claimed (status.rollbacks).
/// Of the qualifying releases the one with the most events wins (the stable release, not a canary); with none,
/// the stored value stays.
/// </summary>
public static class LastKnownGood
{
    public static string? Pick(RumSloStatus? status, long minEvents, IReadOnlyList<PromSample> eventsOverWindow,
        IReadOnlyList<PromSample> servedThroughout, IReadOnlyList<PromSample> burning)
    {
        static string? Release(PromSample s) => s.Labels.TryGetValue(RumLabels.Release, out var r) && r.Length > 0 ? r : null;
        var served = servedThroughout.Where(s => s.Value > 0 && double.IsFinite(s.Value)).Select(Release).ToHashSet();
        var burningNow = burning.Select(Release).ToHashSet();
        var handled = (status?.Rollbacks ?? []).Select(r => r.Release).ToHashSet();
        var best = eventsOverWindow
            .Where(s => Release(s) is not null && double.IsFinite(s.Value))
            .GroupBy(s => Release(s)!, (release, samples) => (Release: release, Events: samples.Sum(s => s.Value)))
            .Where(r => r.Events >= minEvents && served.Contains(r.Release) && !burningNow.Contains(r.Release) && !handled.Contains(r.Release))
            .OrderByDescending(r => r.Events)
            .ThenBy(r => r.Release, StringComparer.Ordinal)
            .Select(r => r.Release)
            .FirstOrDefault();
        return best ?? status?.LastKnownGoodRelease;
    }
}
