using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RumOperator.Api;
using RumOperator.E2E.Tests.Browser;
using RumOperator.E2E.Tests.ReleaseGuard;
using RumOperator.Metrics;
using RumOperator.Rendering.Pipeline;
using RumOperator.Serialization;
using RumOperator.Slo;

namespace RumOperator.E2E.Tests.Contracts;

/// <summary>
/// The metric contract end to end: docs/beacon.md's example beacon, posted to the real collector running on
/// examples/, is scraped from its /metrics, and the recording rules the SLO engine renders from the example
/// RumSLOs, run over those series by <c>promtool test rules</c>, record a series for every SLO. A metric or
/// label name that the collector and the SLO engine spell differently leaves a recording empty.
/// </summary>
public sealed partial class ExampleBeaconSloRulesTests
{
    private const int Minutes = 120;
    private const int EvalMinute = 100;

    [Fact]
    public async Task The_example_slos_rules_record_series_from_the_collectors_metrics_for_the_example_beacon()
    {
        var examples = Path.Combine(Repo.Root, "examples");
        var manifests = Manifests.Load(examples);
        Assert.Empty(manifests.Errors);
        var pipeline = manifests.Pipelines.Single().Value;
        var slos = manifests.Slos.Select(s => s.Value).ToList();
        Assert.NotEmpty(slos);

        // The example as docs/beacon.md shows it, and the same beacon on each route an example SLO filters on.
        var example = ExampleBeacon();
        var beacons = new List<string> { example.ToJsonString() };
        foreach (var route in slos.Select(s => s.Spec.Filter?.GetValueOrDefault(RumLabels.Route)).OfType<string>().Distinct())
        {
            var onRoute = example.DeepClone().AsObject();
            onRoute["page"]!["route"] = route;
            beacons.Add(onRoute.ToJsonString());
        }

        await using var collector = await CollectorProcess.StartAsync(examples, Loopback.FreePort());
        var origin = pipeline.Spec.Ingest.AllowedOrigins.First();
        var key = IngestKey(manifests, pipeline, example["app"]!.GetValue<string>());
        using var http = new HttpClient();
        foreach (var beacon in beacons)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, collector.IngestUrl) { Content = new StringContent(beacon, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Rum-Key", key);
            request.Headers.Add("Origin", origin);
            request.Headers.Add("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{collector.RecentOutput}");
        }
        var scraped = MetricsSnapshot.Parse(await collector.ScrapeAsync()).Samples.Where(s => s.Name.StartsWith("rum_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(scraped);
        // Every label the collector exports is a name of the metric contract.
        var contractLabels = typeof(RumLabels).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var exported = scraped.SelectMany(s => s.Labels.Keys).Distinct().ToList();
        Assert.True(exported.All(contractLabels.Contains), $"labels outside RumLabels: {string.Join(", ", exported.Where(l => !contractLabels.Contains(l)))}");

        // What a scrape through the rendered ServiceMonitor adds: the collector Service's namespace and job.
        (string, string)[] target = [("namespace", pipeline.Namespace), ("job", CollectorNames.Collector(pipeline.Name))];

        // Grouped by release, each recording carries the beacon's release.
        var release = example["release"]!.GetValue<string>();
        var dir = Directory.CreateTempSubdirectory("rum-example-rules-").FullName;
        try
        {
            var rules = new JsonArray();
            var tests = new StringBuilder();
            foreach (var slo in slos)
            {
                var rendered = SloEngine.Render(slo, pipeline);
                Assert.True(rendered.Ok, $"{slo.Name}: {string.Join("; ", rendered.Errors)}");
                foreach (var group in rendered.PrometheusRule!.Body["spec"]!["groups"]!.AsArray())
                {
                    rules.Add(group!.DeepClone());
                    foreach (var rule in group["rules"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["record"] is not null))
                    {
                        var matchers = rule["labels"]!.AsObject().Select(l => $"{l.Key}=\"{l.Value}\"")
                            .Concat(slo.Spec.GroupBy.Select(l => l == RumLabels.Release ? $"{l}=\"{release}\"" : $"{l}!=\"\""));
                        tests.Append($"  - expr: '{Quote($"absent({rule["record"]}{{{string.Join(",", matchers)}}})")}'\n");
                        tests.Append($"    eval_time: {EvalMinute}m\n    exp_samples: []\n");
                    }
                }
            }
            Assert.NotEqual(0, tests.Length);
            File.WriteAllText(Path.Combine(dir, "rules.yaml"), Yaml.Emit(new JsonObject { ["groups"] = rules }));

            var suite = new StringBuilder("rule_files: [rules.yaml]\nevaluation_interval: 1m\ntests:\n- name: example beacon\n  interval: 1m\n  input_series:\n");
            foreach (var s in scraped)
            {
                var labels = s.Labels.Select(l => (l.Key, l.Value)).Concat(target).Select(l => $"{l.Item1}=\"{Escape(l.Item2)}\"");
                var value = s.Value.ToString("R", CultureInfo.InvariantCulture);
                // Counters (and a histogram's buckets, sum and count) grow by what one round of beacons added, every minute.
                var values = Cumulative().IsMatch(s.Name) ? $"0+{value}x{Minutes}" : $"{value}x{Minutes}";
                suite.Append($"  - series: '{Quote($"{s.Name}{{{string.Join(",", labels)}}}")}'\n    values: '{values}'\n");
            }
            suite.Append("  promql_expr_test:\n").Append(tests);
            File.WriteAllText(Path.Combine(dir, "suite.yaml"), suite.ToString());

            var check = await Promtool(dir, "check", "rules", "rules.yaml");
            Assert.True(check.ExitCode == 0, check.Output);
            var run = await Promtool(dir, "test", "rules", "suite.yaml");
            Assert.True(run.ExitCode == 0, $"a recording rule of the example SLOs recorded nothing from the collector's series:\n{run.Output}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The body of docs/beacon.md's first JSON example.</summary>
    private static JsonObject ExampleBeacon()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "beacon.md"));
        var body = doc[doc.IndexOf("## Body", StringComparison.Ordinal)..];
        var match = JsonBlock().Match(body);
        Assert.True(match.Success, "docs/beacon.md has no JSON example under ## Body");
        return JsonNode.Parse(match.Groups[1].Value)!.AsObject();
    }

    private static string IngestKey(ManifestSet manifests, RumPipeline pipeline, string app)
    {
        var secret = manifests.Secrets.Single(s => s.Value.Metadata.Name == pipeline.Spec.Ingest.KeysSecretRef.Name).Value;
        return secret.StringData[app].Split(',')[0].Trim();
    }

    private static async Task<(int ExitCode, string Output)> Promtool(string dir, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(RumOperator.LocalStack.Processes.ToolLocator.Require("promtool"))
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A label value inside a PromQL/series string.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    /// <summary>A single-quoted YAML scalar's content.</summary>
    private static string Quote(string text) => text.Replace("'", "''");

    [GeneratedRegex("(_total|_bucket|_count|_sum)$")]
    private static partial Regex Cumulative();

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
