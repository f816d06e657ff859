using RumOperator.Metrics;
using RumOperator.PrometheusApi;
namespace RumOperator.ReleaseGuard;

/// <summary>Pure: the page-burning series of one RumSLO joined with its event counts → burn signals.</summary>
public static class PolledSignals
{
    /// <param name="burning">The page alert's expression evaluated now: one series per paging group, valued at its burn rate.</param>
    /// <param name="events">Events per group over the guard window.</param>
    public static IReadOnlyList<BurnSignal> Join(string ns, string slo, IReadOnlyList<string> groupBy,
        IReadOnlyList<PromSample> burning, IReadOnlyList<PromSample> events)
    {
        string Key(PromSample s) => string.Join("\u0000", groupBy.Select(l => s.Labels.GetValueOrDefault(l, "")));
        var eventsByGroup = events.GroupBy(Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        return
        [
            .. burning
                .Where(s => s.Labels.TryGetValue(RumLabels.Release, out var r) && r.Length > 0 && double.IsFinite(s.Value))
                .Select(s => new BurnSignal(ns, slo, s.Labels[RumLabels.Release], s.Value,
                    // Absent events (a race between the two queries) count as none: thin traffic never acts.
                    eventsByGroup.TryGetValue(Key(s), out var n) && double.IsFinite(n) ? (long)Math.Round(n) : 0,
                    SignalSource.Prometheus)),
        ];
    }
}
