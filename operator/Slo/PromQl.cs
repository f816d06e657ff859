using System.Globalization;
using RumOperator.Api;

namespace RumOperator.Slo;

/// <summary>Small PromQL text helpers.</summary>
public static class PromQl
{
    public static string Number(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => PromDuration.Format(span);

    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    /// <summary>{a="1",b="2"}; matchers in the given order.</summary>
    public static string Selector(IEnumerable<KeyValuePair<string, string>> matchers) =>
        "{" + string.Join(",", matchers.Select(m => $"{m.Key}={Quote(m.Value)}")) + "}";

    /// <summary>sum by (release) (expr), or sum (expr) when there is nothing to group by.</summary>
    public static string Sum(IReadOnlyList<string> groupBy, string expr) =>
        groupBy.Count == 0 ? $"sum({expr})" : $"sum by ({string.Join(", ", groupBy)}) ({expr})";

    /// <summary>The vector-matching clause for joining per-group series: on(release) or on().</summary>
    public static string On(IReadOnlyList<string> groupBy) => $"on({string.Join(", ", groupBy)})";
}
