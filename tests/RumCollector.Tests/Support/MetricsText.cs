using System.Globalization;
using System.Text.RegularExpressions;

namespace RumCollector.Tests.Support;

/// <summary>One sample of the Prometheus text format: name, labels, value.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

public static partial class MetricsText
{
    public static IReadOnlyList<Sample> Parse(string text) =>
        text.Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(ParseLine)
            .ToList();

    private static Sample ParseLine(string line)
    {
        var m = LinePattern().Match(line);
        if (!m.Success) throw new FormatException($"not a sample line: {line}");
        var labels = LabelPattern().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
        var value = m.Groups["value"].Value switch
        {
            "+Inf" => double.PositiveInfinity,
            var v => double.Parse(v, CultureInfo.InvariantCulture),
        };
        return new Sample(m.Groups["name"].Value, labels, value);
    }

    /// <summary>Sum of the samples of a metric whose labels include all of the given ones.</summary>
    public static double Sum(this IReadOnlyList<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")] private static partial Regex LinePattern();
    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")] private static partial Regex LabelPattern();
}
