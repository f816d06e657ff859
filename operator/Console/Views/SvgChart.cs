using System.Globalization;
using System.Text;
using RumOperator.PrometheusApi;

namespace RumOperator.SloConsole.Views;

/// <summary>A line of a chart: its name in the legend and its points.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<PromPoint> Points);

/// <summary>A horizontal reference line (objective, threshold).</summary>
public sealed record ChartRule(string Name, double Value);

/// <summary>
/// Server-drawn line charts: inline SVG, no script. Time runs along x over the points' span, y covers the points
/// and the reference lines. Non-finite values break a line. The svg carries data-points (finite points drawn) so
/// tests and readers of the markup can tell an empty chart from a drawn one.
/// </summary>
public static class SvgChart
{
    /// <summary>Colour-blind-safe (Okabe-Ito), each at least 3:1 against white.</summary>
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
    private const string RuleColour = "#b3261e";

    public static string Render(string title, IReadOnlyList<ChartLine> lines, Func<double, string> format, int width = 640, int height = 220,
        IReadOnlyList<ChartRule>? rules = null, bool legend = true)
    {
        rules ??= [];
        var finite = lines.SelectMany(l => l.Points).Where(p => double.IsFinite(p.Value)).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{Html.E(title)}\" data-points=\"{finite.Count}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" style=\"max-width:100%;height:auto\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.E(title)}</title>");
        if (finite.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0.5\" y=\"0.5\" width=\"{width - 1}\" height=\"{height - 1}\" fill=\"#fafbfc\" stroke=\"#d0d7de\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{height / 2}\" text-anchor=\"middle\">{Html.NoData}</text></svg>");
            return sb.ToString();
        }

        const int left = 70, right = 10, top = 10, bottom = 22;
        var (x0, x1) = (finite.Min(p => p.UnixSeconds), finite.Max(p => p.UnixSeconds));
        if (x1 - x0 < 1) (x0, x1) = (x0 - 30, x1 + 30);
        var values = finite.Select(p => p.Value).Concat(rules.Select(r => r.Value)).ToList();
        var (y0, y1) = (values.Min(), values.Max());
        var pad = Math.Max((y1 - y0) * 0.08, Math.Abs(y1) * 0.001 + 1e-9);
        (y0, y1) = (y0 - pad, y1 + pad);
        double X(double t) => left + (t - x0) / (x1 - x0) * (width - left - right);
        double Y(double v) => top + (y1 - v) / (y1 - y0) * (height - top - bottom);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        // Grid and y labels at four levels.
        for (var i = 0; i <= 3; i++)
        {
            var v = y0 + (y1 - y0) * i / 3;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\" stroke=\"#e6e9ed\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{Html.E(format(v))}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 6}\">{Clock(x0)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right}\" y=\"{height - 6}\" text-anchor=\"end\">{Clock(x1)}</text>");
        foreach (var rule in rules)
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(Y(rule.Value))}\" y2=\"{F(Y(rule.Value))}\" stroke=\"{RuleColour}\" stroke-dasharray=\"5 4\"><title>{Html.E(rule.Name)}: {Html.E(format(rule.Value))}</title></line>");

        for (var i = 0; i < lines.Count; i++)
        {
            var colour = Palette[i % Palette.Length];
            foreach (var segment in Segments(lines[i].Points))
            {
                var points = string.Join(" ", segment.Select(p => $"{F(X(p.UnixSeconds))},{F(Y(p.Value))}"));
                sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"><title>{Html.E(lines[i].Name)}</title></polyline>");
                if (segment.Count == 1)
                    sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(segment[0].UnixSeconds))}\" cy=\"{F(Y(segment[0].Value))}\" r=\"2.5\" fill=\"{colour}\"/>");
            }
        }
        sb.Append("</svg>");
        if (legend && (lines.Count > 1 || rules.Count > 0))
        {
            sb.Append("<div class=\"legend\">");
            for (var i = 0; i < lines.Count; i++) sb.Append(CultureInfo.InvariantCulture, $"<span><b style=\"background:{Palette[i % Palette.Length]}\"></b>{Html.E(lines[i].Name)}</span>");
            foreach (var rule in rules) sb.Append(CultureInfo.InvariantCulture, $"<span><b style=\"background:{RuleColour}\"></b>{Html.E(rule.Name)} {Html.E(format(rule.Value))}</span>");
            sb.Append("</div>");
        }
        return sb.ToString();
    }

    private static IEnumerable<List<PromPoint>> Segments(IReadOnlyList<PromPoint> points)
    {
        var current = new List<PromPoint>();
        foreach (var p in points)
        {
            if (double.IsFinite(p.Value)) { current.Add(p); continue; }
            if (current.Count > 0) yield return current;
            current = [];
        }
        if (current.Count > 0) yield return current;
    }

    private static string Clock(double unixSeconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(unixSeconds * 1000)).UtcDateTime.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
