using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RumOperator.Api;
using RumOperator.Controllers;
using RumOperator.E2E.Tests.Browser;
using RumOperator.Hosting;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.ApiServer;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.SloConsole;
using Xunit.Abstractions;

namespace RumOperator.E2E.Tests.SloConsole;

/// <summary>
/// The console as a user meets it: the operator's `run` host (its reconcilers, informer caches, release guard and
/// console) against the embedded API server; real beacons into the real collector; Prometheus scraping it every second
/// with the SLO engine's rules for a 1 h window; the guard's poller rolling release 2.0 back; Chromium reading the
/// pages. Screenshots go to the test output's screenshots/ (docs/img/console-*.png with RUM_UPDATE_SCREENSHOTS=1).
/// </summary>
public sealed class ConsoleEndToEndTests(ITestOutputHelper output)
{
    private const string Ns = "shop";
    private const string OtherNs = "blog";
    private const string App = "storefront";
    private const string Key = "pk-console-e2e";
    private const string Origin = "https://shop.example";
    private const string ReleaseLabel = "app.kubernetes.io/version";
    private const string WebhookSecretQuery = "token=s3cret-in-query";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    /// <summary>Browsers send whatever a page throws: the errors view must show it as text.</summary>
    private const string HostileJsError = "TypeError: <img src=x onerror=alert(1)> is undefined";

    [Fact]
    public async Task Console_lists_sorts_filters_and_shows_graphs_releases_and_the_guards_rollback()
    {
        await using var api = await EmbeddedApiServer.StartAsync(resources: OperatorResources.Map);
        var (pipeline, slos) = Seed(api.Store);
        var collectorPort = Loopback.FreePort();
        var work = Directory.CreateTempSubdirectory("rum-console-collector-").FullName;
        var manifests = Path.Combine(work, "manifests.yaml");
        await File.WriteAllTextAsync(manifests, Yaml.Emit([PipelineJson(), KeysSecret()]));
        await using var collector = await CollectorProcess.StartAsync(manifests, collectorPort);
        await using var prometheus = await PrometheusServer.StartAsync(RulesYaml(slos, pipeline), new Uri($"http://127.0.0.1:{collectorPort}"), "web-collector", Ns);
        await using var traffic = ReleaseTraffic.Start(collector.IngestUrl, Key, Origin, App,
            [new ReleaseLoad("1.0", 6, 0.005), new ReleaseLoad("2.0", 6, 0.4, HostileJsError), new ReleaseLoad("3.0", 1, 0)], TimeSpan.FromMilliseconds(200));

        var consolePort = Loopback.FreePort();
        var healthPort = Loopback.FreePort();
        var options = new OperatorOptions
        {
            CollectorImage = "rum-collector:e2e",
            PrometheusUrl = new Uri(prometheus.Url + "/"),
            MetricsPort = Loopback.FreePort(),
            HealthPort = healthPort,
            Console = new ConsoleOptions(IPAddress.Loopback, consolePort) { CacheTtl = TimeSpan.FromSeconds(1) },
            ReleaseGuard = new ReleaseGuardOptions { PollInterval = TimeSpan.FromHours(1), AlertsPort = Loopback.FreePort() }, // polled by hand below
        };
        using var kubernetes = api.CreateKubernetes();
        await using var app = OperatorHost.Build(options, kubernetes, new PodIdentity("console-e2e", "rum-system"), _ => { });
        await app.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var console = $"http://127.0.0.1:{consolePort}";
        await Eventually.UntilAsync(async () => (await http.GetAsync($"http://127.0.0.1:{healthPort}/readyz")).IsSuccessStatusCode, Generous, () => "operator caches not synced");

        // The guard performs the rollback: its poller reads the burn of 2.0 from Prometheus and undoes the Deployment.
        var poller = app.Services.GetRequiredService<BurnRatePoller>();
        await Eventually.UntilAsync(async () =>
        {
            await poller.PollOnceAsync(default);
            return Status(api, "checkout-errors")?["rollbacks"] is JsonArray { Count: > 0 };
        }, Generous, () => $"no rollback; beacons accepted {traffic.Accepted} (last failure {traffic.LastFailure}); status {Status(api, "checkout-errors")}\n{prometheus.Process.Output}");

        // Over the last 5 minutes the graphs have a point every 2 s: wait for a few dozen.
        await Eventually.UntilAsync(async () => Points(await http.GetStringAsync($"{console}/slos/{Ns}/checkout-errors?range=5m"), "budget-graph") >= 30, Generous,
            () => "budget graph has fewer than 30 points");
        // Budget rules run every 36 s here (window / 100), at an offset of their own per group: wait for both SLOs' first.
        await Eventually.UntilAsync(async () => System.Text.RegularExpressions.Regex.Count(await http.GetStringAsync(console + "/"), "class=\"num budget\">no data") == 1,
            Generous, () => "an SLO of shop has no budget yet (only blog's, without traffic, may lack one)");

        // Behind a proxy or a port-forward the Host header names another address: the console answers all the same,
        // and only on its own port.
        using (var proxied = new HttpRequestMessage(HttpMethod.Get, console + "/pipelines") { Headers = { Host = "console.example.com" } })
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(proxied)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{healthPort}/pipelines")).StatusCode);

        // Read-only: anything but GET is refused.
        using (var post = await http.PostAsync(console + "/", new StringContent("")))
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = BrowserFixture.ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.Request += (_, r) => requests.Add(r);

        // The list: worst budget first, the release rows under checkout-errors, 3.0 marked low traffic, the guard's action.
        await page.GotoAsync(console + "/");
        Assert.Equal(["shop/checkout-errors", "shop/home-lcp", "blog/blog-errors"], await Slos(page));
        var groups = page.Locator("tr.group");
        Assert.Equal(["1.0", "2.0", "3.0"], await groups.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.group)"));
        Assert.Equal(1, await page.Locator("tr.group[data-group='3.0'] .low").CountAsync());
        Assert.Equal(0, await page.Locator("tr.group[data-group='1.0'] .low").CountAsync());
        Assert.Contains("2.0", await page.Locator("tr.slo[data-slo='shop/checkout-errors'] td").Last.InnerTextAsync());
        await Screenshot(page, "console-list.png");

        // Sorting by name from the keyboard: the header link, Enter.
        await page.Locator("th a", new PageLocatorOptions { HasText = "Name" }).FocusAsync();
        // The waiter is in place before the key goes down: a navigation that commits between a press and a later
        // WaitForURL is otherwise missed (about one run in three failed that way).
        var sorted = page.WaitForURLAsync("**/?sort=name");
        await page.Keyboard.PressAsync("Enter");
        await sorted;
        Assert.Equal(["blog/blog-errors", "shop/checkout-errors", "shop/home-lcp"], await Slos(page));

        // Filters live in the URL.
        await page.GotoAsync(console + "/");
        await page.FillAsync("input[name=label]", "team=home");
        await page.PressAsync("input[name=label]", "Enter");
        await page.WaitForURLAsync("**/?*label=team*");
        Assert.Equal(["shop/home-lcp"], await Slos(page));
        await page.GotoAsync(console + "/?ns=" + OtherNs);
        Assert.Equal(["blog/blog-errors"], await Slos(page));
        await page.GotoAsync(console + "/?q=checkout");
        Assert.Equal(["shop/checkout-errors"], await Slos(page));

        // The detail: graphs with points, an alert graph per row, the releases, the rollback the guard recorded.
        await page.ClickAsync("a[href='/slos/shop/checkout-errors']");
        Assert.True(await Points(page, "#budget-graph svg") >= 3); // over the window, a point every 15 s
        await page.ClickAsync("a[href='/slos/shop/checkout-errors?range=5m']");
        await page.WaitForURLAsync("**/slos/shop/checkout-errors?range=5m");
        Assert.True(await Points(page, "#budget-graph svg") >= 30);
        Assert.True(await Points(page, "#sli-graph svg") >= 30);
        Assert.Equal(4, await page.Locator("tr.alert-row").CountAsync()); // page 14.4x and 6x, ticket 3x and 1x
        Assert.True(await Points(page, "tr.alert-row svg >> nth=0") >= 1);
        Assert.Equal(["1.0", "2.0", "3.0"], await page.Locator("tr.group-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.group)"));
        var rollback = await page.Locator("tr.rollback-row").InnerTextAsync();
        Assert.Contains("2.0", rollback);
        Assert.Contains("Deployment", rollback);
        Assert.Contains(RollbackResults.Succeeded, rollback);
        await Screenshot(page, "console-detail.png");
        await ScreenshotOf(page, "h2#rollbacks", "#rollback-table", "console-rollback.png");

        // The manifest shows the webhook without its query.
        await page.GotoAsync($"{console}/slos/{OtherNs}/blog-errors");
        var manifest = await page.Locator("pre").InnerTextAsync();
        Assert.Contains("https://hooks.example/deploy", manifest);
        Assert.DoesNotContain(WebhookSecretQuery, await page.ContentAsync());

        await page.GotoAsync(console + "/pipelines");
        Assert.NotEqual("no data", await page.Locator("tr.pipeline td.received").InnerTextAsync());
        Assert.Contains("of 20000", await page.Locator("tr.pipeline td").Last.InnerTextAsync()); // the collector's series-budget gauges
        await Screenshot(page, "console-pipelines.png");

        // The errors view: 2.0's error group from the real collector, its hostile message shown as text, its release a filter link.
        await Eventually.UntilAsync(async () =>
        {
            await page.GotoAsync(console + "/errors?release=2.0");
            return await page.Locator("tr.error-group").CountAsync() > 0 && (await page.Locator("#errors").InnerTextAsync()).Contains("onerror=alert(");
        }, Generous, () => "no error group on /errors");
        var group = page.Locator("tr.error-group").Filter(new() { HasText = "onerror=alert(" });
        Assert.Contains("TypeError", await group.InnerTextAsync());
        Assert.Contains("placeOrder", await group.InnerTextAsync());
        Assert.Equal(0, await page.Locator("#errors img").CountAsync());
        Assert.Equal(1, await group.Locator("a[href='/errors?release=2.0']").CountAsync());
        await Screenshot(page, "console-errors.png");

        // Nothing from elsewhere, no script at all (the 60 KB budget is not even touched).
        Assert.All(requests, r => Assert.StartsWith(console, r.Url));
        Assert.DoesNotContain(requests, r => r.ResourceType == "script");
        Assert.Equal(0, await page.Locator("script").CountAsync());
        output.WriteLine($"requests: {requests.Count}, beacons accepted: {traffic.Accepted}");
        Directory.Delete(work, recursive: true);
    }

    private static async Task<string[]> Slos(IPage page) =>
        await page.Locator("tr.slo").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.slo)");

    private static async Task<int> Points(IPage page, string selector) =>
        int.Parse(await page.Locator(selector).GetAttributeAsync("data-points") ?? "0");

    private static int Points(string html, string figureId)
    {
        var at = html.IndexOf($"id=\"{figureId}\"", StringComparison.Ordinal);
        var attr = at < 0 ? -1 : html.IndexOf("data-points=\"", at, StringComparison.Ordinal);
        return attr < 0 ? 0 : int.Parse(html[(attr + 13)..html.IndexOf('"', attr + 13)]);
    }

    /// <summary>
    /// The test's output folder; with RUM_UPDATE_SCREENSHOTS=1, docs/img (the screenshots docs/console.md shows), so
    /// an ordinary run leaves the checkout clean.
    /// </summary>
    private static string ImagePath(string name) => Environment.GetEnvironmentVariable("RUM_UPDATE_SCREENSHOTS") == "1"
        ? Path.Combine(Repo.Root, "docs", "img", name)
        : Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = ImagePath(name), FullPage = true });

    /// <summary>A section: from its heading to the end of its table.</summary>
    private static async Task ScreenshotOf(IPage page, string from, string to, string name)
    {
        var top = await page.Locator(from).BoundingBoxAsync();
        var bottom = await page.Locator(to).BoundingBoxAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = ImagePath(name), FullPage = true,
            Clip = new Clip { X = 0, Y = top!.Y - 12, Width = 1360, Height = bottom!.Y + bottom.Height - top.Y + 24 },
        });
    }

    private static (RumPipeline Pipeline, IReadOnlyList<RumSlo> Slos) Seed(EmbeddedObjectStore store)
    {
        store.Put(KeysSecret());
        var pipeline = store.Put(PipelineJson());
        var deployment = store.Put(Workload("Deployment", "storefront", "2.0", "2", null));
        var owner = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "storefront",
            ["uid"] = deployment["metadata"]!["uid"]!.GetValue<string>(), ["controller"] = true,
        });
        store.Put(Workload("ReplicaSet", "storefront-6c9f8", "1.0", "1", owner.DeepClone().AsArray()));
        store.Put(Workload("ReplicaSet", "storefront-7d4b2", "2.0", "2", owner.DeepClone().AsArray()));
        var slos = new[]
        {
            Slo(Ns, "checkout-errors", "checkout", """{ "errors": { "kind": "pageLoad" } }""", 99, """
                , "groupBy": ["release"],
                "rollback": { "enabled": true, "target": { "kind": "Deployment", "name": "storefront" }, "minEvents": 50, "cooldown": "30m" }
                """),
            Slo(Ns, "home-lcp", "home", """{ "vital": { "name": "lcp", "threshold": "2.5s" } }""", 90, ""),
            Slo(OtherNs, "blog-errors", "blog", """{ "errors": { "kind": "pageLoad" } }""", 99.5m, $$"""
                , "groupBy": ["release"],
                "rollback": { "enabled": true, "target": { "kind": "webhook" }, "minEvents": 50,
                              "webhook": { "url": "https://user:pw@hooks.example/deploy?{{WebhookSecretQuery}}", "secretRef": { "name": "hook" } } }
                """),
        };
        foreach (var slo in slos) store.Put(slo);
        return (pipeline.Deserialize<RumPipeline>(RumJson.Strict)!, [.. slos.Select(s => s.Deserialize<RumSlo>(RumJson.Strict)!)]);
    }

    /// <summary>A 1 h window scraped every second: alert windows of seconds, so burn and budget appear at once.</summary>
    private static JsonObject Slo(string ns, string name, string team, string sli, decimal objective, string extra) => JsonNode.Parse($$"""
        {
          "apiVersion": "rumops.dev/v1alpha1", "kind": "RumSLO",
          "metadata": { "name": "{{name}}", "namespace": "{{ns}}", "labels": { "team": "{{team}}" } },
          "spec": {
            "pipelineRef": { "name": "web" }, "app": "{{App}}", "sli": {{sli}},
            "objective": {{objective}}, "window": "1h", "scrapeInterval": "1s",
            "alerting": { "noData": { "enabled": false } }{{extra}}
          },
          "status": { "lastKnownGoodRelease": "1.0" }
        }
        """)!.AsObject();

    private static JsonObject PipelineJson() => JsonNode.Parse($$"""
        {
          "apiVersion": "rumops.dev/v1alpha1", "kind": "RumPipeline",
          "metadata": { "name": "web", "namespace": "{{Ns}}" },
          "spec": {
            "ingest": { "allowedOrigins": ["{{Origin}}"], "keysSecretRef": { "name": "web-rum-keys" } },
            "apps": [{ "name": "{{App}}", "routes": ["/checkout"] }],
            "metrics": { "labels": ["app", "route", "release", "device", "browser"] }
          }
        }
        """)!.AsObject();

    private static JsonObject KeysSecret() => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = "web-rum-keys", ["namespace"] = Ns },
        ["data"] = new JsonObject { [App] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Key)) },
    };

    private static string RulesYaml(IEnumerable<RumSlo> slos, RumPipeline pipeline)
    {
        var groups = new JsonArray();
        foreach (var slo in slos)
        {
            var rendered = SloEngine.Render(slo, slo.Namespace == pipeline.Namespace ? pipeline : null);
            Assert.True(rendered.Ok, string.Join("; ", rendered.Errors));
            foreach (var g in rendered.PrometheusRule!.Body["spec"]!["groups"]!.AsArray()) groups.Add(g!.DeepClone());
        }
        return Yaml.Emit(new JsonObject { ["groups"] = groups });
    }

    private static JsonObject Workload(string kind, string name, string release, string revision, JsonArray? owners)
    {
        var labels = new JsonObject { ["app"] = App, [ReleaseLabel] = release };
        if (kind == "ReplicaSet") labels["pod-template-hash"] = name.Split('-')[^1];
        var metadata = new JsonObject
        {
            ["name"] = name, ["namespace"] = Ns, ["labels"] = new JsonObject { ["app"] = App },
            ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision },
        };
        if (owners is not null) metadata["ownerReferences"] = owners;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = kind, ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = App } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = $"shop/{App}:{release}" }) },
                },
            },
        };
    }

    private static JsonObject? Status(EmbeddedApiServer api, string slo) =>
        api.Store.Get("rumops.dev/v1alpha1/rumslos", Ns, slo)?["status"] as JsonObject;
}
