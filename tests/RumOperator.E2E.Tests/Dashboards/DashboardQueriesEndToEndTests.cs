using System.Diagnostics;
using System.Text.Json.Nodes;
using RumOperator.E2E.Tests.Browser;
using RumOperator.Metrics;
using RumOperator.Objects;
using RumOperator.Rendering;
using RumOperator.Rendering.Canary;
using RumOperator.Rendering.Dashboards;
using RumOperator.Rendering.Pipeline;
using RumOperator.Serialization;
using RumOperator.Slo;
using Xunit.Abstractions;

namespace RumOperator.E2E.Tests.Dashboards;

/// <summary>
/// Every query the operator ships, run against what it will meet: the real collector process fed real beacons,
/// scraped every second by a real Prometheus that evaluates the rendered PrometheusRules. Each panel of each rendered
/// dashboard (variables at All) and each canary analysis query must run without error and return data.
/// </summary>
public sealed class DashboardQueriesEndToEndTests(ITestOutputHelper output)
{
    private const string Ns = "shop";
    private const string App = "storefront";
    private const string Key = "pk-storefront-e2e";
    private const string Origin = "https://shop.example.com";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    private static readonly BeaconTraffic.Release Healthy = new("1.0", Failing: false,
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "DE");
    private static readonly BeaconTraffic.Release Failing = new("2.0", Failing: true,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "US");

    /// <summary>
    /// The pipeline, scraped every second (so the SLO engine scales the alert windows of a 1 h SLO to seconds), and
    /// one RumSLO per SLI kind; minEvents 1 so the failing release pages within seconds.
    /// </summary>
    private static string ManifestText(string pipeline) => $$"""
        apiVersion: rumops.dev/v1alpha1
        kind: RumPipeline
        metadata: { name: {{pipeline}}, namespace: {{Ns}} }
        spec:
          ingest:
            allowedOrigins: ["{{Origin}}"]
            keysSecretRef: { name: web-rum-keys }
            # One test client stands for many browsers: no per-address bucket.
            clientRateLimit: { eventsPerSecond: 0 }
          apps:
            - name: {{App}}
              routes: ["/", "/product/:id", "/cart", "/checkout"]
          enrichment:
            geoHeaders: [CF-IPCountry]
          metrics:
            labels: [app, route, release, device, country, browser]
            serviceMonitor: { enabled: true, interval: 1s }
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: web-rum-keys, namespace: {{Ns}} }
        stringData:
          {{App}}: "{{Key}}"
        ---
        {{Slo("checkout-lcp", "vital: { name: lcp, threshold: 2.5s }", "[release]")}}
        ---
        {{Slo("page-load", "errors: { kind: pageLoad }", "[release]")}}
        ---
        {{Slo("checkout-success", "transaction: { name: checkout }", "[release]")}}
        ---
        {{Slo("js-errors", "errors: { kind: jsErrorSession }", "[]")}}
        """;

    private static string Slo(string name, string sli, string groupBy) => $$"""
        apiVersion: rumops.dev/v1alpha1
        kind: RumSLO
        metadata: { name: {{name}}, namespace: {{Ns}} }
        spec:
          pipelineRef: { name: web }
          app: {{App}}
          sli: { {{sli}} }
          objective: 99
          window: 1h
          groupBy: {{groupBy}}
          minEvents: 1
        """;

    [Fact]
    public async Task Every_panel_and_analysis_query_returns_data_from_the_real_collector()
    {
        var dir = Directory.CreateTempSubdirectory("rum-dashboards-manifests-").FullName;
        try
        {
            var manifests = Path.Combine(dir, "manifests.yaml");
            await File.WriteAllTextAsync(manifests, ManifestText("web"));
            var rendered = ManifestRenderer.Render(Manifests.Load([manifests]),
                new PipelineRenderOptions { CollectorImage = "rum-collector:e2e", ServiceMonitorAvailable = true },
                new DashboardOptions { LogsDatasource = "loki" });
            Assert.Empty(rendered.Errors);

            var dashboards = rendered.Objects.Where(o => o.Kind == "ConfigMap" && o.Body["metadata"]!["labels"]![DashboardOptions.DefaultLabel] is not null)
                .Select(o => JsonNode.Parse(o.Body["data"]!.AsObject().Single().Value!.GetValue<string>())!.AsObject())
                .ToList();
            Assert.Equal(3 + 4, dashboards.Count);
            var panelQueries = dashboards.SelectMany(d => d["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()
                    .Select(t => (What: $"{d["title"]} / {p["title"]}", Expr: t!["expr"]!.GetValue<string>()))))
                .ToList();
            var variableSeries = dashboards.SelectMany(d => d["templating"]!["list"]!.AsArray()
                    .Where(v => v!["type"]!.GetValue<string>() == "query")
                    .Select(v => (What: $"{d["title"]} / ${v!["name"]}", Label: v["name"]!.GetValue<string>(), Definition: v["definition"]!.GetValue<string>())))
                .ToList();
            var analysis = rendered.Objects.Where(o => o.Kind == OperatorKinds.AnalysisTemplate.Kind || o.Kind == OperatorKinds.MetricTemplate.Kind).ToList();
            Assert.Equal(2 * 3, analysis.Count);

            var port = Loopback.FreePort();
            await using var collector = await CollectorProcess.StartAsync(manifests, port);
            await using var prometheus = await PrometheusServer.StartAsync(RulesYaml(rendered.Objects), collector.BaseUrl, CollectorNames.Collector("web"), Ns);
            await using var traffic = BeaconTraffic.Start(collector.IngestUrl, App, Key, Origin, [Healthy, Failing], ["/checkout", "/", "/cart", "/product/:id"]);
            var clock = Stopwatch.StartNew();

            // Every panel at once, again and again, until all return data: rates need two scrapes, the rules need their
            // windows filled, and the failing release's page alert must fire for the alert panels.
            var failures = new List<string>();
            await Eventually.UntilAsync(async () =>
                {
                    failures = [.. (await Task.WhenAll(panelQueries.Select(async q => Problem(q.What, q.Expr, await prometheus.QueryAsync(AtAll(q.Expr))))))
                        .OfType<string>()];
                    return failures.Count == 0;
                }, Generous,
                () => $"{failures.Count} of {panelQueries.Count} panel queries without data:\n{string.Join("\n", failures.Take(8))}\n" +
                      $"beacons accepted: {traffic.Accepted}; refused: {traffic.Refused}\nprometheus: {prometheus.Process.Output}");
            output.WriteLine($"{panelQueries.Count} panel queries of {dashboards.Count} dashboards returned data after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Empty(traffic.Refused);
            await AssertErrorGroupsAsync(prometheus, panelQueries.Where(q => q.What.EndsWith($" / {ErrorGroupPanel.Title}", StringComparison.Ordinal)).Select(q => q.Expr).ToList());

            // Variables: label_values(series, label) is Grafana's; the same series must offer values of the label.
            foreach (var v in variableSeries)
            {
                var series = v.Definition["label_values(".Length..v.Definition.LastIndexOf(',')];
                var values = await prometheus.QueryAsync($"group by ({v.Label}) ({series})");
                Assert.True(values.Error is null && values.Samples.Any(s => s.Labels[v.Label] is not null), $"{v.What}: no values from {series}");
            }

            await AssertAnalysisAsync(prometheus, analysis);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The error groups table: the recurring group on a row with its type, message and top frame from the info series,
    /// and the one-off messages together on the __other__ row, which has no text but counts.
    /// </summary>
    private static async Task AssertErrorGroupsAsync(PrometheusServer prometheus, IReadOnlyList<string> queries)
    {
        Assert.Equal(3, queries.Count);
        var events = await prometheus.QueryAsync(AtAll(queries[0]));
        Assert.Null(events.Error);
        var named = Assert.Single(events.Samples, s => Label(s, ErrorGroupMetrics.Group) != RumMetrics.Other);
        Assert.Equal("TypeError", Label(named, ErrorGroupMetrics.Type));
        Assert.Contains("cart is undefined", Label(named, ErrorGroupMetrics.Message));
        Assert.Contains("pay", Label(named, ErrorGroupMetrics.Frame));
        var other = Assert.Single(events.Samples, s => Label(s, ErrorGroupMetrics.Group) == RumMetrics.Other);
        Assert.Null(Label(other, ErrorGroupMetrics.Type));
        Assert.True(other.Value > 0);
        var releases = await prometheus.QueryAsync(AtAll(queries[2]));
        Assert.Equal(1, releases.Samples.Single(s => Label(s, ErrorGroupMetrics.Group) == Label(named, ErrorGroupMetrics.Group)).Value);
    }

    private static string? Label(Sample sample, string name) => sample.Labels[name]?.GetValue<string>();

    private const string ReleasePlaceholder = "<release>";

    /// <summary>The failing release burns above the page threshold, the healthy one below, and an unknown release reads 0.</summary>
    private static async Task AssertAnalysisAsync(PrometheusServer prometheus, IReadOnlyList<DesiredObject> templates)
    {
        foreach (var template in templates)
        {
            var (query, threshold) = template.Kind == OperatorKinds.AnalysisTemplate.Kind
                ? (template.Body["spec"]!["metrics"]![0]!["provider"]!["prometheus"]!["query"]!.GetValue<string>().Replace("{{args.release}}", ReleasePlaceholder),
                   decimal.Parse(template.Body["spec"]!["metrics"]![0]!["successCondition"]!.GetValue<string>().Split("<=")[1], System.Globalization.CultureInfo.InvariantCulture))
                : (template.Body["spec"]!["query"]!.GetValue<string>().Replace("{{ variables.release }}", ReleasePlaceholder), 14.4m);
            Assert.DoesNotContain("{{", query);
            var failing = await Single(prometheus, query.Replace(ReleasePlaceholder, Failing.Name), template);
            var healthy = await Single(prometheus, query.Replace(ReleasePlaceholder, Healthy.Name), template);
            var unknown = await Single(prometheus, query.Replace(ReleasePlaceholder, "9.9.9"), template);
            Assert.True(failing > (double)threshold, $"{template.Key}: release {Failing.Name} burns {failing}, want > {threshold}");
            Assert.True(healthy <= (double)threshold, $"{template.Key}: release {Healthy.Name} burns {healthy}, want ≤ {threshold}");
            Assert.Equal(0, unknown);
        }
    }

    private static async Task<double> Single(PrometheusServer prometheus, string query, DesiredObject template)
    {
        var result = await prometheus.QueryAsync(query);
        Assert.True(result.Error is null, $"{template.Key}: {result.Error}\n{query}");
        return Assert.Single(result.Samples).Value;
    }

    /// <summary>Grafana's defaults: every variable at All (.*), a rate window of a few scrapes.</summary>
    private static string AtAll(string expr)
    {
        var text = expr.Replace(DashboardFilter.RateInterval, "10s").Replace(DashboardFilter.Range, "1m");
        foreach (var label in DashboardFilter.FilterLabels) text = text.Replace("$" + label, DashboardFilter.AnyValue);
        Assert.DoesNotContain("$", text);
        return text;
    }

    private static string? Problem(string what, string expr, QueryResult result) =>
        result.Error is not null ? $"{what}: {result.Error}\n  {expr}"
        : result.Samples.Count == 0 ? $"{what}: empty\n  {expr}"
        : result.Samples.All(s => double.IsNaN(s.Value)) ? $"{what}: only NaN\n  {expr}"
        : null;

    /// <summary>
    /// The rendered PrometheusRules as one rule file. Group intervals are dropped so every group runs at the global 1 s:
    /// the budget group's own interval (a hundredth of the SLO window, 36 s here) would only delay the test.
    /// </summary>
    private static string RulesYaml(IEnumerable<DesiredObject> objects)
    {
        var groups = new JsonArray();
        foreach (var rule in objects.Where(o => o.Kind == "PrometheusRule"))
        foreach (var g in rule.Body["spec"]!["groups"]!.AsArray())
        {
            var group = g!.DeepClone().AsObject();
            group.Remove("interval");
            groups.Add(group);
        }
        return Yaml.Emit(new JsonObject { ["groups"] = groups });
    }
}
