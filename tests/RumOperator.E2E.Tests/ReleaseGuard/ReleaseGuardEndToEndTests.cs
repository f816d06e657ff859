using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RumOperator.Api;
using RumOperator.Controllers;
using RumOperator.E2E.Tests.Browser;
using RumOperator.LocalStack;
using RumOperator.ReleaseGuard;
using RumOperator.Rendering.Pipeline;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.ApiServer;
using RumOperator.Serialization;
using RumOperator.Slo;
using Xunit.Abstractions;

namespace RumOperator.E2E.Tests.ReleaseGuard;

/// <summary>
/// Regression to rollback with the real pieces: real beacons → the real collector → Prometheus (the SLO engine's rules,
/// alert windows of seconds) → Alertmanager → the operator's /alerts → decision → Deployment undo on the fake API
/// server and a signed webhook. Release 1.0 stays healthy, 3.0 fails on thin traffic, 2.0 fails from T.
/// </summary>
public sealed class ReleaseGuardEndToEndTests(ITestOutputHelper output)
{
    private const string Ns = "shop";
    private const string AlertToken = "alertmanager-bearer-token";
    private const string WebhookSecret = "gitops-hook-hmac-key";
    private const string ReleaseLabel = "app.kubernetes.io/version";
    private const string App = "storefront";
    private const string Key = "pk-release-guard-e2e";
    private const string Origin = "https://shop.example";
    private static readonly string Job = CollectorNames.Collector("web");
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    /// <summary>Page views every 100 ms: 100/s for 1.0 and 2.0 (0.5 % failing until 2.0 regresses to 40 %), 3/s all failing for 3.0.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly ReleaseLoad[] Traffic =
    [
        new("1.0", ViewsPerTick: 10, ErrorRatio: 0.005),
        new("2.0", ViewsPerTick: 10, ErrorRatio: 0.005),
        new("3.0", ViewsPerTick: 0.3, ErrorRatio: 1),
    ];
    private const double RegressedErrorRatio = 0.4;

    [Fact]
    public async Task Burning_release_is_rolled_back_once_while_healthy_and_thin_releases_are_left_alone()
    {
        await using var webhook = await SignedWebhookEndpoint.StartAsync(WebhookSecret);
        await using var api = await EmbeddedApiServer.StartAsync(resources: OperatorResources.Map);
        var slos = Seed(api.Store, webhook.Url);
        var prometheusPort = Loopback.FreePort();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        await using var op = await OperatorHost.StartAsync(new KubernetesClusterClient(api.CreateKubernetes(), new ClusterClientOptions { Resources = OperatorResources.Map }), new ReleaseGuardOptions
        {
            AlertTokenSecret = new SecretKeyReference(Ns, "alertmanager-token"),
            PrometheusUrl = new Uri($"http://127.0.0.1:{prometheusPort}"),
            PollInterval = TimeSpan.FromHours(1), // polled by hand below, after the alert path has acted
            WebhookRetryDelay = TimeSpan.FromMilliseconds(100),
            WebhookAllowedHosts = ["127.0.0.1"], // the local GitOps endpoint; every other host is refused
            WebhookAllowHttp = true,
            MetricsRegistry = registry,
        });
        var metrics = op.Services.GetRequiredService<ReleaseGuardMetrics>();
        var work = Directory.CreateTempSubdirectory("rum-release-guard-collector-").FullName;
        var manifests = Path.Combine(work, "manifests.yaml");
        await File.WriteAllTextAsync(manifests, CollectorManifests());
        await using var collector = await CollectorProcess.StartAsync(manifests, Loopback.FreePort());
        await using var traffic = ReleaseTraffic.Start(collector.IngestUrl, Key, Origin, App, Traffic, Tick);
        await using var stack = await MonitoringStack.StartAsync(RulesYaml(slos), new ScrapeTarget(Job, Ns, collector.BaseUrl.Authority),
            op.Url + AlertReceiverEndpoint.Path, AlertToken, prometheusPort);

        // Healthy baseline: every release's burn rate is recorded before 2.0 regresses.
        var shortest = RuleNames.BurnRate(SloEngine.Render(slos[0], null).Plan!.Windows[0]);
        await Eventually.UntilAsync(async () => (await stack.QueryAsync(shortest)).Count == 2 * Traffic.Length, Generous,
            () => $"no {shortest} series for every release and SLO; beacons accepted: {traffic.Accepted}, last refusal: {traffic.LastFailure}\n" +
                  $"collector: {collector.RecentOutput}\nprometheus: {stack.Prometheus.Output}");
        // A few evaluations in which nothing may page.
        var evaluated = await stack.RuleEvaluationsAsync();
        await Eventually.UntilAsync(async () => await stack.RuleEvaluationsAsync() >= evaluated + 3, Generous, () => "rules not evaluated");

        var sinceRegression = Stopwatch.StartNew();
        traffic.SetErrorRatio("2.0", RegressedErrorRatio);
        await Eventually.UntilAsync(() => Release(Deployment(api)) == "1.0", Generous,
            () => $"Deployment not rolled back; status: {Status(api, "checkout-errors")}\nalertmanager: {stack.Alertmanager.Output}");
        var toDeploymentUndo = sinceRegression.Elapsed;
        await Eventually.UntilAsync(() => webhook.Calls.Count > 0, Generous, () => $"no webhook call; status: {Status(api, "checkout-webhook")}");
        var toWebhook = sinceRegression.Elapsed;
        output.WriteLine($"regression → Deployment undo: {toDeploymentUndo.TotalSeconds:0.0} s; → signed webhook: {toWebhook.TotalSeconds:0.0} s");

        // Alertmanager repeats the still-firing alerts (every 5 s): each repeat must find the release handled.
        await Eventually.UntilAsync(() => metrics.Signals.WithLabels("alertmanager", "already_handled").Value >= 4, Generous,
            () => "Alertmanager did not repeat the alerts");
        // The polling fallback sees the same burn and goes through the same decision.
        var polled = await op.Services.GetRequiredService<BurnRatePoller>().PollOnceAsync(default);
        Assert.Equal(["checkout-errors/2.0", "checkout-webhook/2.0"], polled.Select(s => $"{s.Slo}/{s.Release}").Order());
        Assert.All(polled, s => Assert.True(s.Events >= 100 && s.BurnRate > 14.4, s.ToString()));
        await Eventually.UntilAsync(() => metrics.Signals.WithLabels("prometheus", "already_handled").Value >= 2, Generous,
            () => "polled signals not decided");

        // Before acting, each alert was re-evaluated through the real Prometheus. A forged alert (right token, right
        // labels) claiming that thin 3.0 pages finds no page-level burn there and changes nothing.
        Assert.True(metrics.Evidence.WithLabels("confirmed").Value >= 2, "the alerts that acted were confirmed by Prometheus");
        using (var alertmanager = new HttpClient())
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, op.Url + AlertReceiverEndpoint.Path)
            {
                Content = new StringContent(ForgedAlert("checkout-errors", "3.0"), Encoding.UTF8, "application/json"),
            };
            forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AlertToken);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await alertmanager.SendAsync(forged)).StatusCode);
        }
        await Eventually.UntilAsync(() => metrics.Signals.WithLabels("alertmanager", "no_evidence").Value >= 1, Generous,
            () => "the forged alert was not checked against Prometheus");

        // Exactly one action per SLO, for 2.0 only.
        foreach (var (slo, action) in new[] { ("checkout-errors", "Deployment"), ("checkout-webhook", "webhook") })
        {
            var record = Assert.Single(Status(api, slo)["rollbacks"]!.AsArray())!;
            Assert.Equal(("2.0", action, "Succeeded"), (record["release"]!.GetValue<string>(), record["action"]!.GetValue<string>(), record["result"]!.GetValue<string>()));
            Assert.True(record["events"]!.GetValue<long>() >= 100);
            Assert.Equal("1.0", Status(api, slo)["lastKnownGoodRelease"]!.GetValue<string>());
        }
        Assert.Single(api.Requests, r => r.Method == "PATCH" && r.Path.EndsWith("/deployments/storefront"));
        var template = Deployment(api)["spec"]!["template"]!;
        Assert.Null(template["metadata"]!["labels"]!["pod-template-hash"]);
        Assert.Equal("shop/storefront:1.0", template["spec"]!["containers"]![0]!["image"]!.GetValue<string>());

        var call = Assert.Single(webhook.Calls);
        Assert.True(call.SignatureValid);
        Assert.Equal(("checkout-webhook", "2.0", WebhookMessage.IdempotencyKeyFor(Ns, "checkout-webhook", "2.0")),
            (call.Body["slo"]!.GetValue<string>(), call.Body["release"]!.GetValue<string>(), call.Body["idempotencyKey"]!.GetValue<string>()));

        var events = api.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/events")).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["Deployment/RolledBack", "RumSLO/RolledBack", "RumSLO/RolledBack"],
            events.Select(e => $"{e["regarding"]!["kind"]}/{e["reason"]}").Order());
        Assert.Equal(2, metrics.Rollbacks.WithLabels("succeeded").Value);

        // Healthy 1.0 never paged; thin 3.0 burns at 100x but never reaches minEvents.
        var paging = await stack.QueryAsync($"ALERTS{{alertname=\"{RuleNames.PageAlert}\"}}");
        Assert.Equal(["2.0"], paging.Select(a => a["release"]!.GetValue<string>()).Distinct());
        var thin = await stack.QueryAsync($"{shortest}{{release=\"3.0\"}} > 14.4");
        Assert.NotEmpty(thin);
        Directory.Delete(work, recursive: true);
    }

    /// <summary>What Alertmanager would send for the page alert of <paramref name="slo"/>, with figures an attacker chose.</summary>
    private static string ForgedAlert(string slo, string release) => new JsonObject
    {
        ["version"] = "4", ["status"] = "firing", ["receiver"] = "rum-operator", ["groupKey"] = "{}:{}",
        ["alerts"] = new JsonArray(new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = new JsonObject
            {
                ["alertname"] = RuleNames.PageAlert, ["slo"] = slo, ["namespace"] = Ns, ["severity"] = "page", ["release"] = release,
            },
            ["annotations"] = new JsonObject { [RuleNames.BurnRateAnnotation] = "999", [RuleNames.EventsAnnotation] = "100000" },
        }),
    }.ToJsonString();

    private static IReadOnlyList<RumSlo> Seed(EmbeddedObjectStore store, string webhookUrl)
    {
        store.Put(Secret("alertmanager-token", "token", AlertToken));
        store.Put(Secret("gitops-hook", "secret", WebhookSecret));
        var deployment = store.Put(Workload("Deployment", "storefront", "2.0", new JsonObject { ["deployment.kubernetes.io/revision"] = "2" }, null));
        var owner = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "storefront",
            ["uid"] = deployment["metadata"]!["uid"]!.GetValue<string>(), ["controller"] = true,
        });
        store.Put(Workload("ReplicaSet", "storefront-6c9f8", "1.0", new JsonObject { ["deployment.kubernetes.io/revision"] = "1" }, owner.DeepClone().AsArray()));
        store.Put(Workload("ReplicaSet", "storefront-7d4b2", "2.0", new JsonObject { ["deployment.kubernetes.io/revision"] = "2" }, owner.DeepClone().AsArray()));

        var slos = new[]
        {
            Slo("checkout-errors", """{ "enabled": true, "target": { "kind": "Deployment", "name": "storefront" }, "minEvents": 100, "cooldown": "30m" }"""),
            Slo("checkout-webhook", $$"""
                { "enabled": true, "target": { "kind": "webhook" }, "minEvents": 100, "cooldown": "30m",
                  "webhook": { "url": "{{webhookUrl}}", "secretRef": { "name": "gitops-hook" } } }
                """),
        };
        foreach (var slo in slos) store.Put(slo);
        return [.. slos.Select(s => s.Deserialize<RumSlo>(RumJson.Strict)!)];
    }

    /// <summary>An errors SLO with a 1 h window scraped every second: page windows of 4 s and 5 s (and 32 s).</summary>
    private static JsonObject Slo(string name, string rollbackJson) => JsonNode.Parse($$"""
        {
          "apiVersion": "rumops.dev/v1alpha1", "kind": "RumSLO",
          "metadata": { "name": "{{name}}", "namespace": "{{Ns}}" },
          "spec": {
            "pipelineRef": { "name": "web" }, "app": "storefront",
            "seriesLabels": { "job": "{{Job}}" },
            "sli": { "errors": { "kind": "pageLoad" } },
            "objective": 99, "window": "1h", "scrapeInterval": "1s", "groupBy": ["release"],
            "alerting": { "ticket": { "enabled": false }, "noData": { "enabled": false } },
            "rollback": {{rollbackJson}}
          },
          "status": { "lastKnownGoodRelease": "1.0" }
        }
        """)!.AsObject();

    /// <summary>What the collector runs on (standalone mode): the pipeline of the SLOs' app and its key.</summary>
    private static string CollectorManifests() => Yaml.Emit(
    [
        JsonNode.Parse($$"""
            {
              "apiVersion": "rumops.dev/v1alpha1", "kind": "RumPipeline",
              "metadata": { "name": "web", "namespace": "{{Ns}}" },
              "spec": {
                "ingest": { "allowedOrigins": ["{{Origin}}"], "keysSecretRef": { "name": "web-rum-keys" }, "clientRateLimit": { "eventsPerSecond": 0 } },
                "apps": [{ "name": "{{App}}", "routes": ["/checkout"] }],
                "metrics": { "labels": ["app", "release"] }
              }
            }
            """)!.AsObject(),
        Secret("web-rum-keys", App, Key),
    ]);

    private static string RulesYaml(IEnumerable<RumSlo> slos)
    {
        var groups = new JsonArray();
        foreach (var slo in slos)
        {
            var rendered = SloEngine.Render(slo, null);
            Assert.True(rendered.Ok, string.Join("; ", rendered.Errors));
            foreach (var g in rendered.PrometheusRule!.Body["spec"]!["groups"]!.AsArray()) groups.Add(g!.DeepClone());
        }
        return Yaml.Emit(new JsonObject { ["groups"] = groups });
    }

    private static JsonObject Workload(string kind, string name, string release, JsonObject annotations, JsonArray? owners)
    {
        var labels = new JsonObject { ["app"] = "storefront", [ReleaseLabel] = release };
        if (kind == "ReplicaSet") labels["pod-template-hash"] = name.Split('-')[^1];
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = Ns, ["annotations"] = annotations, ["labels"] = new JsonObject { ["app"] = "storefront" } };
        if (owners is not null) metadata["ownerReferences"] = owners;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = kind, ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "storefront" } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = $"shop/storefront:{release}" }) },
                },
            },
        };
    }

    private static JsonObject Secret(string name, string key, string value) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["data"] = new JsonObject { [key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) },
    };

    private static JsonObject Deployment(EmbeddedApiServer api) => api.Store.Get("apps/v1/deployments", Ns, "storefront")!;

    private static JsonObject Status(EmbeddedApiServer api, string slo) => api.Store.Get("rumops.dev/v1alpha1/rumslos", Ns, slo)!["status"]!.AsObject();

    private static string? Release(JsonObject workload) => workload["spec"]?["template"]?["metadata"]?["labels"]?[ReleaseLabel]?.GetValue<string>();
}
