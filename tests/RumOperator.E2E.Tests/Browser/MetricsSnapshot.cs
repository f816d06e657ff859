using System.Globalization;
using System.Text;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>One sample line of the Prometheus text format.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A parsed /metrics page, queried the way a PromQL <c>sum(metric{label="value"})</c> would be.</summary>
public sealed class MetricsSnapshot(IReadOnlyList<Sample> samples)
{
    public IReadOnlyList<Sample> Samples { get; } = samples;

    /// <summary>The sum over every series of <paramref name="name"/> whose labels include all of <paramref name="match"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] match) =>
        Samples.Where(s => s.Name == name && match.All(m => s.Labels.TryGetValue(m.Label, out var v) && v == m.Value)).Sum(s => s.Value);

    /// <summary>Whether any series of any metric carries <paramref name="label"/>=<paramref name="value"/>.</summary>
    public bool AnySeriesWith(string label, string value) =>
        Samples.Any(s => s.Labels.TryGetValue(label, out var v) && v == value);

    public static MetricsSnapshot Parse(string text) =>
        new(text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(ParseLine)
            .ToList());

    private static Sample ParseLine(string line)
    {
        var nameEnd = line.IndexOfAny(['{', ' ']);
        if (nameEnd <= 0) throw new FormatException($"no metric name in '{line}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = nameEnd;
        if (line[i] == '{') i = ParseLabels(line, i + 1, labels);
        var value = line[i..].Trim().Split(' ')[0];
        return new Sample(line[..nameEnd], labels, ParseValue(value, line));
    }

    /// <summary>Reads <c>a="x",b="y\"z"}</c> from <paramref name="i"/>; returns the index after the closing brace.</summary>
    private static int ParseLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (line[i] != '}')
        {
            var eq = line.IndexOf('=', i);
            var label = line[i..eq].Trim();
            if (line[eq + 1] != '"') throw new FormatException($"label {label} has no quoted value in '{line}'");
            var value = new StringBuilder();
            for (i = eq + 2; line[i] != '"'; i++)
            {
                if (line[i] != '\\') { value.Append(line[i]); continue; }
                i++;
                value.Append(line[i] == 'n' ? '\n' : line[i]);
            }
            labels[label] = value.ToString();
            i++;
            if (line[i] == ',') i++;
        }
        return i + 1;
    }

    private static double ParseValue(string text, string line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"bad value in '{line}'"),
    };
}
