using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using RumOperator.Slo;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Slo;

/// <summary>
/// Measures, with promtool, when page and ticket alerts start and stop for each burn rate, asserts
/// the promises (outage pages within 5 minutes, 1x never pages), and keeps the table in
/// docs/slo.md equal to the measurement (UPDATE_DOCS=1 rewrites it).
/// </summary>
public class DetectionTableTests
{
    private const int History = 3 * 1440; // three healthy days fill the longest (3d) window
    private const int Recovery = 6 * 60;

    private sealed record Row(string Burn, decimal Objective, double BurnRate, int BurnMinutes, string Workbook);

    private static readonly Row[] Rows =
    [
        new("100 % errors", 99m, double.PositiveInfinity, 30, "8.6 min (14.4x over 1h)"),
        new("100 % errors", 99.5m, double.PositiveInfinity, 30, "4.3 min"),
        new("100 % errors", 99.9m, double.PositiveInfinity, 30, "0.9 min"),
        new("100 % errors", 99.99m, double.PositiveInfinity, 30, "0.1 min"),
        new("20x", 99.9m, 20, 120, "43 min (14.4x over 1h)"),
        new("10x", 99.9m, 10, 300, "3.6 h (6x over 6h)"),
        new("2x", 99.9m, 2, 2 * 1440, "no page; ticket 1.5 d (1x over 3d)"),
        new("1x", 99.9m, 1, 2 * 1440, "no page, no ticket"),
    ];

    [SlowFact]
    public void Alert_times_keep_their_promises_and_match_the_docs()
    {
        var results = new ConcurrentDictionary<Row, IReadOnlyList<AlertSpan>>();
        Parallel.ForEach(Rows, new ParallelOptions { MaxDegreeOfParallelism = 2 }, row =>
        {
            var burn = double.IsPositiveInfinity(row.BurnRate)
                ? Phase.Outage(row.BurnMinutes, Scenarios.Traffic)
                : Phase.Burning(row.BurnMinutes, Scenarios.Traffic, row.BurnRate, row.Objective);
            results[row] = PromtoolHarness.Run(Scenarios.Slo(objective: row.Objective), [Scenarios.Release("1.0",
                Phase.Healthy(History, Scenarios.Traffic), burn, Phase.Healthy(Recovery, Scenarios.Traffic))], $"{row.Burn}-{row.Objective}");
        });

        foreach (var row in Rows.Where(r => double.IsPositiveInfinity(r.BurnRate) && r.Objective <= 99.9m))
            Assert.InRange(Started(results[row], RuleNames.PageAlert)!.Value, 0, 5);
        Assert.Null(Started(results[Rows.Single(r => r.Burn == "1x")], RuleNames.PageAlert));
        Assert.Null(Started(results[Rows.Single(r => r.Burn == "2x")], RuleNames.PageAlert));
        Assert.InRange(Started(results[Rows.Single(r => r.Burn == "20x")], RuleNames.PageAlert)!.Value, 40, 46);
        Assert.InRange(Started(results[Rows.Single(r => r.Burn == "10x")], RuleNames.PageAlert)!.Value, 210, 222);
        Assert.InRange(Started(results[Rows.Single(r => r.Burn == "2x")], RuleNames.TicketAlert)!.Value, 2150, 2170);

        var table = Table(results);
        var path = Path.Combine(Repo.Docs, "slo.md");
        var doc = File.ReadAllText(path);
        const string begin = "<!-- detection-table:begin -->", end = "<!-- detection-table:end -->";
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        var stop = doc.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"{path} lacks the {begin} … {end} markers");
        var current = doc[(start + begin.Length)..stop].Trim();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            File.WriteAllText(path, doc[..(start + begin.Length)] + "\n" + table + "\n" + doc[stop..]);
        else
            Assert.True(current == table.Trim(), $"docs/slo.md's table differs from the measurement; run UPDATE_DOCS=1 dotnet test --filter DetectionTable. Measured:\n{table}");
    }

    private static double? Started(IReadOnlyList<AlertSpan> spans, string alert) =>
        spans.FirstOrDefault(s => s.Alert == alert) is { } s ? s.FirstMinute - History : null;

    private static string Table(IReadOnlyDictionary<Row, IReadOnlyList<AlertSpan>> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| burn | objective | page after | page stops after recovery | ticket after | ticket stops after recovery | SRE workbook (page) |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in Rows)
        {
            var spans = results[row];
            string After(string alert) => spans.FirstOrDefault(s => s.Alert == alert) is { } s ? Minutes(s.FirstMinute - History) : "never";
            string Stops(string alert) => spans.FirstOrDefault(s => s.Alert == alert) is { } s
                ? s.LastMinute >= History + row.BurnMinutes + Recovery - 2 ? $"> {Minutes(Recovery)}" : Minutes(s.LastMinute + 1 - History - row.BurnMinutes)
                : "–";
            sb.AppendLine($"| {row.Burn} | {row.Objective.ToString(CultureInfo.InvariantCulture)} % | {After(RuleNames.PageAlert)} | {Stops(RuleNames.PageAlert)} | {After(RuleNames.TicketAlert)} | {Stops(RuleNames.TicketAlert)} | {row.Workbook} |");
        }
        return sb.ToString().TrimEnd();
    }

    private static string Minutes(double minutes) => minutes switch
    {
        < 90 => $"{minutes:0} min",
        < 2 * 1440 => $"{minutes / 60:0.#} h",
        _ => $"{minutes / 1440:0.#} d",
    };
}
