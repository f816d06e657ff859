using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RumOperator.Api;

/// <summary>Prometheus durations (5m, 1h30m, 28d): parse, format, and validate.</summary>
public static partial class PromDuration
{
    private static readonly (string Unit, TimeSpan Span)[] Units =
    [
        ("y", TimeSpan.FromDays(365)), ("w", TimeSpan.FromDays(7)), ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    [GeneratedRegex(Patterns.Duration)] private static partial Regex Whole();
    [GeneratedRegex("([0-9]+)(ms|s|m|h|d|w|y)")] private static partial Regex Part();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text)) return false;
        foreach (Match m in Part().Matches(text))
        {
            if (!long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
            var unit = Units.First(u => u.Unit == m.Groups[2].Value).Span;
            try { value += TimeSpan.FromTicks(checked(n * unit.Ticks)); }
            catch (OverflowException) { return false; }
        }
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration such as 30s, 5m, 1h or 28d");

    /// <summary>Formats with the largest units first, e.g. 1h30m; whole milliseconds only.</summary>
    public static string Format(TimeSpan span)
    {
        if (span <= TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        var rest = TimeSpan.FromMilliseconds(Math.Round(span.TotalMilliseconds));
        foreach (var (unit, size) in Units)
        {
            if (unit is "y" or "w") continue; // 28d reads better than 4w, 365d than 1y
            var n = rest.Ticks / size.Ticks;
            if (n == 0) continue;
            sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(unit);
            rest -= TimeSpan.FromTicks(n * size.Ticks);
        }
        return sb.ToString();
    }
}
