using RumOperator.Api;
using RumOperator.Metrics;
using RumOperator.Slo;

namespace RumOperator.SloConsole.Data;

/// <summary>
/// The errors view's queries over the collectors' error-group series (docs/errors.md), for every pipeline at once:
/// a fixed set whatever the number of groups. The collector keeps at most its top groups per app, so the answers are
/// bounded too. App and release from the URL are quoted as exact matchers, never spliced into PromQL.
/// </summary>
public static class ErrorGroupQueries
{
    /// <summary>Rows per view: the groups with the most events.</summary>
    public const int Top = 50;

    /// <summary>Points of the first/last seen range query.</summary>
    public const int SeenPoints = 60;

    /// <summary>A group is one per collector deployment (namespace, job) and app.</summary>
    public static readonly IReadOnlyList<string> Key = ["namespace", "job", ErrorGroupMetrics.App, ErrorGroupMetrics.Group];

    private static string By(params string[] extra) => string.Join(", ", Key.Concat(extra));

    /// <summary>In this order: events, sessions, releases that saw a group, the groups' text.</summary>
    public static IReadOnlyList<string> Instant(ErrorFilter filter)
    {
        var range = PromDuration.Format(filter.Range);
        var events = $"increase({Selector(ErrorGroupMetrics.Events, filter, withRelease: true)}[{range}])";
        var sessions = $"increase({Selector(ErrorGroupMetrics.Sessions, filter, withRelease: true)}[{range}])";
        return
        [
            $"topk({Top}, sum by ({By()}) ({events}) > 0)",
            $"sum by ({By()}) ({sessions}) > 0",
            $"sum by ({By(ErrorGroupMetrics.Release)}) ({events}) > 0",
            $"max by ({By(ErrorGroupMetrics.Type, ErrorGroupMetrics.Message, ErrorGroupMetrics.Frame)}) ({Selector(ErrorGroupMetrics.Info, filter, withRelease: false)})",
        ];
    }

    /// <summary>Events per step over the range: the first and last step with any give first and last seen.</summary>
    public static string Seen(ErrorFilter filter) =>
        $"sum by ({By()}) (increase({Selector(ErrorGroupMetrics.Events, filter, withRelease: true)}[{PromDuration.Format(Step(filter.Range))}])) > 0";

    /// <summary>The range in <see cref="SeenPoints"/> steps, at least a minute: the increase over each step needs a few scrapes.</summary>
    public static TimeSpan Step(TimeSpan range) => TimeSpan.FromSeconds(Math.Max(60, Math.Ceiling(range.TotalSeconds / SeenPoints)));

    private static string Selector(string metric, ErrorFilter filter, bool withRelease)
    {
        var matchers = new List<KeyValuePair<string, string>>();
        if (filter.App is not null) matchers.Add(KeyValuePair.Create(ErrorGroupMetrics.App, filter.App));
        if (withRelease && filter.Release is not null) matchers.Add(KeyValuePair.Create(ErrorGroupMetrics.Release, filter.Release));
        return metric + PromQl.Selector(matchers);
    }
}
