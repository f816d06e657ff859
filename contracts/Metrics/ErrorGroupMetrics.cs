namespace RumOperator.Metrics;

/// <summary>
/// The error-group part of the metric contract (docs/errors.md): per-app top groups of JavaScript
/// errors by fingerprint, the rest folded into <see cref="RumMetrics.Other"/>. Dashboards and the
/// console join <see cref="Info"/> on (app, group) for the text.
/// </summary>
public static class ErrorGroupMetrics
{
    /// <summary>Errors per group: labels <see cref="App"/>, <see cref="Release"/>, <see cref="Group"/>.</summary>
    public const string Events = "rum_error_group_events_total";

    /// <summary>Sessions that saw a group for the first time (the SDK remembers per session): same labels as <see cref="Events"/>.</summary>
    public const string Sessions = "rum_error_group_sessions_total";

    /// <summary>Always 1: labels <see cref="App"/>, <see cref="Group"/>, <see cref="Type"/>, <see cref="Message"/>, <see cref="Frame"/>.</summary>
    public const string Info = "rum_error_group_info";

    /// <summary>The collector's source map cache (docs/errors.md): lookups that hit, that missed, maps loaded by source, failures by reason.</summary>
    public const string SourceMapHits = "rum_sourcemap_cache_hits_total";
    public const string SourceMapMisses = "rum_sourcemap_cache_misses_total";
    public const string SourceMapLoads = "rum_sourcemap_loads_total";
    public const string SourceMapFailures = "rum_sourcemap_failures_total";

    public const string App = RumLabels.App;
    public const string Release = RumLabels.Release;
    public const string Group = RumLabels.Group;
    public const string Type = RumLabels.Type;
    public const string Message = RumLabels.Message;
    public const string Frame = RumLabels.Frame;

    public static readonly IReadOnlyList<string> CountLabels = [App, Release, Group];
    public static readonly IReadOnlyList<string> InfoLabels = [App, Group, Type, Message, Frame];

    /// <summary>Longest text of the <see cref="Message"/> and <see cref="Frame"/> labels; longer text is cut.</summary>
    public const int MaxMessageLabel = 160;
    public const int MaxFrameLabel = 160;

    /// <summary>Groups per app with their own series when the pipeline names no limit.</summary>
    public const int DefaultMaxGroupsPerApp = 50;
}
