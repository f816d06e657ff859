using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RumOperator.Api;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Slo;

/// <summary>When an alert fired first and last for one label set, in minutes from the scenario start.</summary>
public sealed record AlertSpan(string Alert, string Release, double FirstMinute, double LastMinute);

/// <summary>
/// Runs the rendered rules through `promtool test rules` over synthetic traffic and reads back
/// when each alert fired: the suite queries ALERTS with min/max_over_time(timestamp(...)), and
/// promtool reports the values it got.
/// </summary>
public static partial class PromtoolHarness
{
    public static readonly string[] Alerts = [RuleNames.PageAlert, RuleNames.TicketAlert];

    public static string RulesYaml(RumSlo slo, RumPipeline? pipeline = null)
    {
        var result = SloEngine.Render(slo, pipeline);
        Assert.True(result.Ok, string.Join("; ", result.Errors));
        return Yaml.Emit(new JsonObject { ["groups"] = result.PrometheusRule!.Body["spec"]!["groups"]!.DeepClone() });
    }

    public static IReadOnlyList<AlertSpan> Run(RumSlo slo, IReadOnlyList<ReleaseTraffic> releases, string name)
    {
        var minutes = releases.Max(r => r.Minutes);
        var dir = Directory.CreateTempSubdirectory("rum-promtool-").FullName;
        File.WriteAllText(Path.Combine(dir, "rules.yaml"), RulesYaml(slo));
        var suite = new StringBuilder();
        suite.Append("rule_files: [rules.yaml]\nevaluation_interval: 1m\ntests:\n- name: ").Append(name).Append("\n  interval: 1m\n  input_series:\n");
        suite.Append(SeriesWriter.InputSeries(slo, releases));
        suite.Append("  promql_expr_test:\n");
        foreach (var alert in Alerts)
        foreach (var fn in new[] { "min", "max" })
        {
            suite.Append($"  - expr: '{fn}_over_time(timestamp(ALERTS{{alertname=\"{alert}\",alertstate=\"firing\"}})[{minutes}m:1m])'\n");
            suite.Append($"    eval_time: {minutes - 1}m\n    exp_samples: []\n");
        }
        File.WriteAllText(Path.Combine(dir, "suite.yaml"), suite.ToString());
        var check = ExternalTool.Run("promtool", ["check", "rules", "rules.yaml"], dir);
        Assert.True(check.ExitCode == 0, check.Output);
        var run = ExternalTool.Run("promtool", ["test", "rules", "suite.yaml"], dir, TimeSpan.FromMinutes(5));
        var spans = Parse(run.Output);
        if (run.ExitCode == 0) Assert.Empty(spans); // passing means "no alert fired at all"
        Directory.Delete(dir, recursive: true);
        return spans;
    }

    [GeneratedRegex("""expr: "(min|max)_over_time\(timestamp\(ALERTS\{alertname=\\"(\w+)\\".*?time: [^\n]*\n\s*exp: [^\n]*\n\s*got: (.*?)(?=\n\s*expr: |\s*$)""", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex("""\{([^}]*)\} ([0-9.E+-]+)""")]
    private static partial Regex Sample();

    private static IReadOnlyList<AlertSpan> Parse(string output)
    {
        var found = new Dictionary<(string Alert, string Release), (double Min, double Max)>();
        foreach (Match block in Block().Matches(output))
        {
            var fn = block.Groups[1].Value;
            var alert = block.Groups[2].Value;
            foreach (Match sample in Sample().Matches(block.Groups[3].Value))
            {
                var release = Regex.Match(sample.Groups[1].Value, "release=\"([^\"]*)\"").Groups[1].Value;
                var minute = double.Parse(sample.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture) / 60;
                var key = (alert, release);
                var prior = found.TryGetValue(key, out var p) ? p : (double.NaN, double.NaN);
                found[key] = fn == "min" ? (minute, prior.Item2) : (prior.Item1, minute);
            }
        }
        return found.Select(kv => new AlertSpan(kv.Key.Alert, kv.Key.Release, kv.Value.Min, kv.Value.Max)).ToList();
    }
}
