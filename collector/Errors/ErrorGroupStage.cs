using RumCollector.Config;
using RumCollector.Errors.SourceMaps;
using RumCollector.Ingest;
using RumCollector.Metrics;
using RumOperator.Metrics;

namespace RumCollector.Errors;

/// <summary>
/// Runs after privacy (messages and stacks are already redacted): gives each error event its group
/// (<see cref="Fingerprinter"/>, from the frames as the browser sent them), rewrites its stack with the
/// source maps already cached (<see cref="Symbolicator"/>; misses load in the background) and counts
/// it in the error-group metrics under the bounded app and release labels.
/// </summary>
public static class ErrorGroupStage
{
    public static void Apply(CollectorState state, Beacon beacon, string[] common, Weight weight, SourceMapStore? maps)
    {
        // Most beacons carry no error: they must not pay for parsing the page URL.
        var first = beacon.Events.FindIndex(static e => e.Type == EventType.Error);
        if (first < 0) return;
        var m = state.Metrics;
        var settings = state.Config.Errors.SourceMaps;
        var origins = settings.Origins;
        var pageOrigin = FrameOrigin.OriginOf(beacon.PageUrl);
        var app = Common(m, common, ErrorGroupMetrics.App);
        var release = Common(m, common, ErrorGroupMetrics.Release);
        for (var i = first; i < beacon.Events.Count; i++)
        {
            var e = beacon.Events[i];
            if (e.Type != EventType.Error) continue;
            IReadOnlyList<StackFrame> frames = [];
            StackFrame? resolved = null;
            if (e.Stack is { } stack)
            {
                bool InApp(StackFrame f) => FrameOrigin.IsInApp(f, pageOrigin, origins);
                Func<string, SourceMap?> lookup = maps is not null && settings.Enabled
                    ? url => maps.TryGet(url, settings, m.SourceMaps)
                    : static _ => null;
                (e.Stack, resolved, frames) = Symbolicator.Rewrite(stack, InApp, lookup);
            }
            // From the frames as sent, never the resolved ones: see "Stable ids" in docs/errors.md.
            var fingerprint = Fingerprinter.Compute(e.Message, frames, e.Fingerprint, pageOrigin, origins);
            e.Group = fingerprint.Group;
            var top = resolved ?? fingerprint.TopFrame;
            var frame = top is null ? null : Symbolicator.Label(top);
            m.ErrorGroups.Record(app, release, fingerprint, frame, top?.Original is not null, e.GroupFirstInSession, weight.Value);
        }
    }

    /// <summary>The bounded value of a common label, or __other__ when the pipeline does not put that label on its metrics.</summary>
    private static string Common(RumMetricSet m, string[] common, string label)
    {
        for (var i = 0; i < m.CommonLabels.Count; i++)
            if (m.CommonLabels[i] == label) return common[i];
        return RumOperator.Metrics.RumMetrics.Other;
    }
}
