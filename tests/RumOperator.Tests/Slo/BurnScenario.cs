using System.Globalization;
using System.Text;
using RumOperator.Api;

namespace RumOperator.Tests.Slo;

/// <summary>A stretch of traffic for one release: events per minute and the fraction that is bad.</summary>
public sealed record Phase(int Minutes, double EventsPerMinute, double BadFraction)
{
    public static Phase Healthy(int minutes, double perMinute) => new(minutes, perMinute, 0);
    public static Phase Burning(int minutes, double perMinute, double burnRate, decimal objective) =>
        new(minutes, perMinute, Math.Min(1, burnRate * (double)((100m - objective) / 100m)));
    public static Phase Outage(int minutes, double perMinute) => new(minutes, perMinute, 1);
    public static Phase Absent(int minutes) => new(minutes, double.NaN, 0);
}

/// <summary>The traffic of one release over the whole scenario, phase after phase.</summary>
public sealed record ReleaseTraffic(string Release, IReadOnlyList<Phase> Phases)
{
    public int Minutes => Phases.Sum(p => p.Minutes);
}

/// <summary>
/// Writes the collector counters a promtool test feeds to the rules, for any SLI kind: each kind
/// says which series carry good, bad or all events.
/// </summary>
public static class SeriesWriter
{
    private enum Part { Good, Bad, All }

    private sealed record Series(string Metric, string Labels, Part Part);

    private static IReadOnlyList<Series> For(RumSlo slo)
    {
        var sli = slo.Spec.Sli;
        if (sli.Vital is { } v)
        {
            var metric = RumOperator.Metrics.RumMetrics.ForVital(v.Name).Metric;
            RumOperator.Metrics.RumMetrics.TryParseVitalValue(RumOperator.Metrics.RumMetrics.ForVital(v.Name), v.Threshold, out var le);
            return [new(metric + "_count", "", Part.All), new(metric + "_bucket", $"le=\"{RumOperator.Metrics.RumMetrics.FormatLe(le)}\"", Part.Good), new(metric + "_bucket", "le=\"+Inf\"", Part.All)];
        }
        if (sli.Errors is { Kind: ErrorsSliKind.PageLoad })
            return [new("rum_page_views_total", "outcome=\"ok\"", Part.Good), new("rum_page_views_total", "outcome=\"error\"", Part.Bad)];
        if (sli.Errors is { Kind: ErrorsSliKind.JsErrorSession })
            return [new("rum_sessions_total", "", Part.All), new("rum_error_sessions_total", "", Part.Bad)];
        if (sli.Errors is { Kind: ErrorsSliKind.Resource })
            return [new("rum_resource_requests_total", "party=\"first\",outcome=\"ok\"", Part.Good), new("rum_resource_requests_total", "party=\"first\",outcome=\"error\"", Part.Bad)];
        if (sli.Transaction is { } t)
            return [new("rum_transactions_total", $"name=\"{t.Name}\",outcome=\"success\"", Part.Good), new("rum_transactions_total", $"name=\"{t.Name}\",outcome=\"failure\"", Part.Bad)];
        throw new NotSupportedException("raw SLIs have no fixed series");
    }

    /// <summary>input_series entries (YAML) for all releases, one sample per minute, counters starting at 0.</summary>
    public static string InputSeries(RumSlo slo, IEnumerable<ReleaseTraffic> releases)
    {
        var sb = new StringBuilder();
        var common = $"namespace=\"{slo.Namespace}\",job=\"{slo.Spec.PipelineRef.Name}-collector\",app=\"{slo.Spec.App}\"";
        if (slo.Spec.Filter is { } filter)
            common += string.Concat(filter.OrderBy(kv => kv.Key).Select(kv => $",{kv.Key}=\"{kv.Value}\""));
        foreach (var traffic in releases)
        foreach (var series in For(slo))
        {
            var labels = $"{common},release=\"{traffic.Release}\"" + (series.Labels.Length > 0 ? "," + series.Labels : "");
            sb.Append("  - series: '").Append(series.Metric).Append('{').Append(labels).Append("}'\n");
            sb.Append("    values: '").Append(Values(traffic, series.Part)).Append("'\n");
        }
        return sb.ToString();
    }

    /// <summary>Expanding notation: each phase adds a fixed increment per minute.</summary>
    private static string Values(ReleaseTraffic traffic, Part part)
    {
        var segments = new List<string>();
        double value = 0;
        var first = true;
        foreach (var phase in traffic.Phases)
        {
            if (double.IsNaN(phase.EventsPerMinute))
            {
                // The release did not exist yet: no samples, and its counters start at 0 later.
                segments.Add($"_x{phase.Minutes}");
                first = true;
                continue;
            }
            var step = part switch
            {
                Part.Good => phase.EventsPerMinute * (1 - phase.BadFraction),
                Part.Bad => phase.EventsPerMinute * phase.BadFraction,
                _ => phase.EventsPerMinute,
            };
            var start = first ? 0 : value + step;
            var count = first ? phase.Minutes : phase.Minutes - 1;
            segments.Add($"{N(start)}+{N(step)}x{count}");
            value = start + step * count;
            first = false;
        }
        return string.Join(' ', segments);
    }

    private static string N(double d) => Math.Round(d, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
