using RumOperator.Metrics;

namespace RumOperator.Rendering.Dashboards;

/// <summary>
/// The on-call "Error groups" table (docs/errors.md): per group the events, sessions and releases over the dashboard's
/// range, with the group's type, message and top frame joined from the info series. Three queries merged into one
/// table on their common labels; the first is sorted by events.
/// </summary>
public static class ErrorGroupPanel
{
    public const string Title = "Error groups";
    public const int Top = 20;

    private static readonly IReadOnlyList<string> Key = [ErrorGroupMetrics.App, ErrorGroupMetrics.Group];
    private static readonly IReadOnlyList<string> Text = [ErrorGroupMetrics.Type, ErrorGroupMetrics.Message, ErrorGroupMetrics.Frame];
    private static string KeyList => string.Join(", ", Key);

    public static Panel Build(DashboardFilter dashboardFilter)
    {
        var counts = dashboardFilter.Only(ErrorGroupMetrics.CountLabels);
        var info = dashboardFilter.Only(ErrorGroupMetrics.InfoLabels);
        var top = $"topk({Top}, {Increase(counts, ErrorGroupMetrics.Events, Key)})";
        var releases = $"count by ({KeyList}) ({Increase(counts, ErrorGroupMetrics.Events, [.. Key, ErrorGroupMetrics.Release])} > 0)";
        return new Panel(Title, PanelKind.Table, "none",
            $"The {Top} error groups with the most events over the dashboard's range: events, sessions that saw the group, " +
            $"releases it was seen in, and its type, message and top frame. \"{RumMetrics.Other}\" is every error outside the collector's top groups per app.",
            [
                new($"sort_desc(\n{WithText(top, info)}\n)", "events"),
                new(WithText($"{Increase(counts, ErrorGroupMetrics.Sessions, Key)}\nand on ({KeyList})\n{top}", info), "sessions"),
                new(WithText($"{releases}\nand on ({KeyList})\n{top}", info), "releases"),
            ], 24) { MergeTable = true };
    }

    private static string Increase(DashboardFilter filter, string metric, IReadOnlyList<string> by) =>
        $"sum by ({string.Join(", ", by)}) (increase({filter.Of(metric)}[{DashboardFilter.Range}]))";

    /// <summary>
    /// Joins the text labels; a group without an info series (<see cref="RumMetrics.Other"/>, or text not scraped yet)
    /// keeps its row. One info series per group even when collector replicas disagree on the text (a frame one of them
    /// could symbolicate), so the join never fails on duplicates.
    /// </summary>
    private static string WithText(string counts, DashboardFilter info) =>
        $"(\n{counts}\n)\n* on ({KeyList}) group_left ({string.Join(", ", Text)})\n" +
        $"topk by ({KeyList}) (1, {info.Of(ErrorGroupMetrics.Info)})\nor on ({KeyList})\n(\n{counts}\n)";
}
