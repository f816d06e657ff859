using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Controllers;
using RumOperator.Hosting;
using RumOperator.LocalStack.Demo;
using RumOperator.LocalStack.Processes;
using RumOperator.PrometheusApi;
using RumOperator.ReleaseGuard;
using RumOperator.Rendering.Pipeline;
using RumOperator.Runtime.ApiServer;
using RumOperator.Serialization;

namespace RumOperator.LocalStack;

/// <summary>
/// The whole chain on one machine: an embedded API server seeded with the manifests and a demo Deployment, the
/// operator (reconcilers and release guard) against it, one collector per RumPipeline configured from its
/// rendered ConfigMap, Prometheus with the rendered rules, Alertmanager routing pages to the operator, a demo shop
/// with the real SDK, and traffic from headless Chromium and a load generator. Disposing stops every part.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<IAsyncDisposable> _parts = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly LocalStackOptions _options;
    private Task? _syncLoop;
    private HttpClient? _http;

    private LocalStack(LocalStackOptions options, string workDirectory, Timeline timeline)
    {
        _options = options;
        WorkDirectory = workDirectory;
        Timeline = timeline;
    }

    public string WorkDirectory { get; }
    public Timeline Timeline { get; }
    public EmbeddedApiServer ApiServer { get; private set; } = null!;
    public DemoShop Shop { get; private set; } = null!;
    public DemoRollout Workload { get; private set; } = null!;

    /// <summary>The GitOps repository the guarded SLO reverts in, with --rollback git.</summary>
    public DemoGitOps? GitOps { get; private set; }
    public DemoReleases Releases { get; private set; } = null!;
    public RumSlo GuardedSlo { get; private set; } = null!;
    public StackObserver Observer { get; private set; } = null!;
    public LoadGenerator Load { get; private set; } = null!;
    public IPrometheusQuery Prometheus { get; private set; } = null!;
    public string PrometheusUrl { get; private set; } = "";
    public string AlertmanagerUrl { get; private set; } = "";
    public string OperatorUrl { get; private set; } = "";
    public IReadOnlyList<LocalCollector> Collectors { get; private set; } = [];

    public static async Task<LocalStack> StartAsync(LocalStackOptions options, TextWriter output, CancellationToken ct)
    {
        var prometheusBin = ToolLocator.Require("prometheus");
        var alertmanagerBin = ToolLocator.Require("prometheus-alertmanager");
        var chromiumBin = options.Browser ? ToolLocator.Require("chromium") : null;
        var collectorDll = SourceTree.CollectorDll();
        if (!File.Exists(collectorDll)) throw new FileNotFoundException($"{collectorDll} is missing: build it with `dotnet build collector` (scripts/dev.sh does)");

        var manifests = Manifests.Load(options.Manifests);
        if (manifests.Errors.Count > 0) throw new ArgumentException(string.Join('\n', manifests.Errors));
        var guarded = manifests.Slos.Select(s => s.Value).FirstOrDefault(s => s.Spec.Rollback is { Enabled: true, Target.Kind: RollbackTargetKind.Deployment })
            ?? throw new ArgumentException("no RumSLO among the manifests rolls back a Deployment (spec.rollback.target.kind: Deployment): the demo needs one");

        var work = options.WorkDirectory ?? Directory.CreateTempSubdirectory("rum-dev-").FullName;
        Directory.CreateDirectory(work);
        var stack = new LocalStack(options, work, new Timeline(output)) { GuardedSlo = guarded };
        try
        {
            await stack.StartPartsAsync(manifests, guarded, prometheusBin, alertmanagerBin, chromiumBin, collectorDll, ct).ConfigureAwait(false);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartPartsAsync(ManifestSet manifests, RumSlo guarded, string prometheusBin, string alertmanagerBin, string? chromiumBin,
        string collectorDll, CancellationToken ct)
    {
        ApiServer = await EmbeddedApiServer.StartAsync(resources: OperatorResources.Map).ConfigureAwait(false);
        _parts.Add(ApiServer);
        Timeline.Add($"embedded API server at {ApiServer.Url}");

        Collectors = [.. manifests.Pipelines.Select(p => new LocalCollector(p.Value.Namespace, p.Value.Name, Path.Combine(WorkDirectory, "collector-" + p.Value.Name), FreePort.Next()))];
        var (pipeline, _) = manifests.Pipelines.Select(p => (p.Value, p.Doc)).FirstOrDefault(p => p.Value.Name == guarded.Spec.PipelineRef.Name && p.Value.Namespace == guarded.Namespace);
        if (pipeline is null) throw new ArgumentException($"RumSLO {guarded.Namespace}/{guarded.Name}: spec.pipelineRef.name: RumPipeline {guarded.Spec.PipelineRef.Name} is not among the manifests");
        var collector = Collectors.First(c => c.Pipeline == pipeline.Name && c.Namespace == pipeline.Namespace);
        var appName = guarded.Spec.App ?? throw new ArgumentException($"RumSLO {guarded.Namespace}/{guarded.Name}: spec.app: the demo shop needs the app it reports as");
        var app = new ShopApp(appName, IngestKey(manifests, pipeline, appName), new Uri($"{collector.Url}/v1/rum"),
            pipeline.Spec.Apps.FirstOrDefault(a => a.Name == appName)?.Routes ?? ["/"]);

        var target = new DemoTarget(guarded.Namespace, guarded.Spec.Rollback!.Target.Name!, guarded.Spec.Rollback.ReleaseLabel);
        Workload = new DemoRollout(ApiServer.Store, target);
        var shopPort = FreePort.Next();
        var settings = new DemoSettings($"http://127.0.0.1:{shopPort}", WorkDirectory, _options.TimeScale);
        Releases = settings.Releases;
        Shop = await DemoShop.StartAsync(shopPort, app, () => Workload.Release, Releases, SourceTree.SdkBundle).ConfigureAwait(false);
        _parts.Add(Shop);

        var prepared = DemoManifests.Prepare(manifests, settings).ToList();
        if (_options.Rollback == DemoRollbackTarget.Git)
        {
            GitOps = await DemoGitOps.StartAsync(WorkDirectory, target, Releases.Stable, ct).ConfigureAwait(false);
            _parts.Add(GitOps);
            GitOps.UseFor(IsGuarded(prepared, guarded));
            prepared.Add(GitOps.Secret());
            Timeline.Add($"GitOps repository at {GitOps.Url} ({GitOps.KustomizationPath} pins release {Releases.Stable}); RumSLO {guarded.Name} reverts there");
        }
        Seed(prepared);
        // The SLO as seeded (time-scaled), for the scenario's queries.
        var (seeded, error) = ResourceJson.Read<RumSlo>(IsGuarded(prepared, guarded), Strictness.Strict);
        GuardedSlo = seeded ?? throw new InvalidOperationException($"the seeded RumSLO {guarded.Name} cannot be read: {error}");
        Timeline.Add($"seeded {manifests.Pipelines.Count} RumPipeline(s), {manifests.Slos.Count} RumSLO(s), {manifests.Policies.Count} SamplingPolicy(ies) and Deployment {target.Namespace}/{target.Name} (revisions {Releases.Previous}, {Releases.Stable})");

        var (prometheusPort, alertmanagerPort, metricsPort, healthPort, alertsPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        PrometheusUrl = $"http://127.0.0.1:{prometheusPort}";
        AlertmanagerUrl = $"http://127.0.0.1:{alertmanagerPort}";
        OperatorUrl = $"http://127.0.0.1:{healthPort}";
        var tokenFile = Path.Combine(WorkDirectory, "alert-token");
        await File.WriteAllTextAsync(tokenFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), ct).ConfigureAwait(false);
        var mirror = new ClusterMirror(ApiServer.Store);
        var rulesFile = Path.Combine(WorkDirectory, MonitoringConfig.RulesFile);
        mirror.SyncRules(rulesFile); // none yet: Prometheus starts empty and reloads once the operator renders them
        await StartMonitoringAsync(prometheusBin, alertmanagerBin, prometheusPort, alertmanagerPort, alertsPort, tokenFile, ct).ConfigureAwait(false);
        await StartOperatorAsync(tokenFile, metricsPort, healthPort, alertsPort, ct).ConfigureAwait(false);

        await WaitAsync(() => Collectors.All(c => { mirror.SyncCollector(c); return ClusterMirror.HasConfig(c); }) && mirror.RuleGroups > 0,
            "the operator to render collector ConfigMaps and PrometheusRules", ct).ConfigureAwait(false);
        Timeline.Add($"operator rendered {Collectors.Count} collector config(s) and {mirror.RuleGroups} rule group(s)");

        foreach (var c in Collectors)
        {
            var process = ChildProcess.Start($"collector {c.Namespace}/{c.Pipeline}", ToolLocator.Require("dotnet"),
                [collectorDll, "--config", c.ConfigFile, "--urls", c.Url, "--log-format", "text"]);
            _parts.Add(process);
            await process.WaitReadyAsync($"{c.Url}/readyz", StartTimeout, ct).ConfigureAwait(false);
        }

        Observer = new StackObserver(ApiServer.Store, Prometheus, Timeline, [Workload]);
        _syncLoop = SyncLoopAsync(mirror, rulesFile, _http!, _stop.Token);

        Load = new LoadGenerator(app, settings.ShopOrigin, () => TrafficMix.For(Workload.Release, Releases), _options.BeaconsPerSecond);
        _parts.Add(Load);
        Load.Start();
        if (chromiumBin is not null)
        {
            _parts.Add(ChildProcess.Start("chromium", chromiumBin,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={WorkDirectory}/chromium", $"{Shop.BaseUrl}drive",
            ]));
        }
        Timeline.Add($"traffic: {_options.BeaconsPerSecond:0} beacons/s from the load generator{(chromiumBin is null ? "" : ", headless Chromium walking the shop")}");
    }

    /// <summary>Alertmanager, then Prometheus scraping every collector and sending alerts to Alertmanager.</summary>
    private async Task StartMonitoringAsync(string prometheusBin, string alertmanagerBin, int prometheusPort, int alertmanagerPort, int alertsPort,
        string tokenFile, CancellationToken ct)
    {
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "alertmanager.yml"),
            MonitoringConfig.Alertmanager($"http://127.0.0.1:{alertsPort}{AlertReceiverEndpoint.Path}", tokenFile), ct).ConfigureAwait(false);
        var alertmanager = ChildProcess.Start("alertmanager", alertmanagerBin,
        [
            $"--config.file={WorkDirectory}/alertmanager.yml", $"--storage.path={WorkDirectory}/alertmanager",
            $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address=", "--log.level=warn",
        ]);
        _parts.Add(alertmanager);
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "prometheus.yml"),
            MonitoringConfig.Prometheus(Collectors.Select(c => new ScrapeTarget(c.Job, c.Namespace, $"127.0.0.1:{c.Port}")), alertmanagerPort), ct).ConfigureAwait(false);
        var prometheus = ChildProcess.Start("prometheus", prometheusBin,
        [
            $"--config.file={WorkDirectory}/prometheus.yml", $"--storage.tsdb.path={WorkDirectory}/prometheus",
            $"--web.listen-address=127.0.0.1:{prometheusPort}", "--web.enable-lifecycle", "--rules.alert.resend-delay=1s", "--log.level=warn",
        ]);
        _parts.Add(prometheus);
        await alertmanager.WaitReadyAsync($"{AlertmanagerUrl}/-/ready", StartTimeout, ct).ConfigureAwait(false);
        await prometheus.WaitReadyAsync($"{PrometheusUrl}/-/ready", StartTimeout, ct).ConfigureAwait(false);
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Prometheus = new PrometheusHttpQuery(_http, new Uri(PrometheusUrl + "/"));

    }

    /// <summary>Runs the operator as `run` does, against the embedded API server, listening on loopback.</summary>
    private async Task StartOperatorAsync(string tokenFile, int metricsPort, int healthPort, int alertsPort, CancellationToken ct)
    {
        var options = OperatorOptions.Parse(null, null, PipelineRenderOptions.DefaultCollectorImage, PrometheusUrlFor(), "5s", false, metricsPort, healthPort) with
        {
            ListenAddress = IPAddress.Loopback,
            ReleaseGuard = new ReleaseGuardOptions { AlertTokenFile = tokenFile, AlertsPort = alertsPort },
            Console = _options.ConsoleAddress is { Length: > 0 } console ? SloConsole.ConsoleOptions.Parse("--console-address", console) : null,
        };
        var kubernetes = ApiServer.CreateKubernetes();
        var app = OperatorHost.Build(options.Checked(), kubernetes, new PodIdentity("rum-operator-dev", "default"),
            logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error));
        await app.StartAsync(ct).ConfigureAwait(false);
        _parts.Add(new Disposer(async () =>
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            kubernetes.Dispose();
        }));

        string PrometheusUrlFor() => PrometheusUrl;
    }

    /// <summary>Keeps files in step with the cluster (rules, collector configs), plays the Deployment controller, observes.</summary>
    private async Task SyncLoopAsync(ClusterMirror mirror, string rulesFile, HttpClient http, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                if (mirror.SyncRules(rulesFile))
                {
                    try { (await http.PostAsync($"{PrometheusUrl}/-/reload", null, ct).ConfigureAwait(false)).Dispose(); }
                    catch (HttpRequestException e) { Timeline.Add($"prometheus reload failed: {e.Message}"); }
                    Timeline.Add("PrometheusRules changed: Prometheus reloaded");
                }
                foreach (var c in Collectors)
                    if (mirror.SyncCollector(c)) Timeline.Add($"collector {c.Namespace}/{c.Pipeline}: config changed (the collector reloads it)");
                Workload.SyncRevisions();
                if (GitOps is not null && await GitOps.SyncAsync(Workload, ct).ConfigureAwait(false) is { } synced)
                    Timeline.Add($"GitOps sync: {GitOps.KustomizationPath} pins release {synced}; Deployment rolled out");
                await Observer.ObserveOnceAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>The part list printed at start: what runs where, and whether it answers.</summary>
    public async Task<IReadOnlyList<(string Part, string Url, bool Healthy)>> HealthAsync(CancellationToken ct)
    {
        var parts = new List<(string, string, string)>
        {
            ("embedded API server", ApiServer.Url, ApiServer.Url.TrimEnd('/') + "/api/v1"),
            ("operator (health)", OperatorUrl, OperatorUrl + "/readyz"),
            ("prometheus", PrometheusUrl, PrometheusUrl + "/-/ready"),
            ("alertmanager", AlertmanagerUrl, AlertmanagerUrl + "/-/ready"),
            ("demo shop", Shop.BaseUrl.ToString(), Shop.BaseUrl.ToString()),
        };
        if (_options.ConsoleAddress is { Length: > 0 } console)
        {
            var url = "http://" + (console.StartsWith(':') ? "127.0.0.1" + console : console);
            parts.Add(("SLO console", url, url + "/"));
        }
        parts.AddRange(Collectors.Select(c => ($"collector {c.Namespace}/{c.Pipeline}", c.Url, c.Url + "/readyz")));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var result = new List<(string, string, bool)>();
        foreach (var (name, url, probe) in parts)
        {
            bool healthy;
            try { healthy = (await http.GetAsync(probe, ct).ConfigureAwait(false)).IsSuccessStatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { healthy = false; }
            result.Add((name, url, healthy));
        }
        return result;
    }

    private static JsonObject IsGuarded(IEnumerable<JsonObject> objects, RumSlo guarded) =>
        objects.First(o => o["kind"]?.GetValue<string>() == "RumSLO" && o["metadata"]?["name"]?.GetValue<string>() == guarded.Name
            && o["metadata"]?["namespace"]?.GetValue<string>() == guarded.Namespace);

    private void Seed(IReadOnlyList<JsonObject> objects)
    {
        foreach (var obj in objects.Where(o => o["kind"]?.GetValue<string>() != "ReplicaSet")) ApiServer.Store.Put(obj);
        // ReplicaSets point at their Deployment's uid, which the API server assigned just now.
        foreach (var rs in objects.Where(o => o["kind"]?.GetValue<string>() == "ReplicaSet"))
        {
            foreach (var owner in rs["metadata"]?["ownerReferences"]?.AsArray().OfType<JsonObject>() ?? [])
                owner["uid"] = ApiServer.Store.Get("apps/v1/deployments", rs["metadata"]!["namespace"]!.GetValue<string>(), owner["name"]!.GetValue<string>())?["metadata"]?["uid"]?.DeepClone();
            ApiServer.Store.Put(rs);
        }
    }

    /// <summary>The app's first public key in the pipeline's keys Secret (comma-separated while rotating).</summary>
    private static string IngestKey(ManifestSet manifests, RumPipeline pipeline, string app)
    {
        var secret = manifests.Secrets.Select(s => s.Value).FirstOrDefault(s => s.Metadata.Name == pipeline.Spec.Ingest.KeysSecretRef.Name && (s.Metadata.NamespaceProperty ?? "default") == pipeline.Namespace)
            ?? throw new ArgumentException($"RumPipeline {pipeline.Namespace}/{pipeline.Name}: spec.ingest.keysSecretRef: Secret {pipeline.Spec.Ingest.KeysSecretRef.Name} is not among the manifests");
        var value = (secret.StringData is { } strings && strings.TryGetValue(app, out var text) ? text : null)
            ?? (secret.Data is { } data && data.TryGetValue(app, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null)
            ?? throw new ArgumentException($"Secret {secret.Metadata.Name}: no key for app {app}");
        return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[0];
    }

    private async Task WaitAsync(Func<bool> done, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartTimeout);
        try
        {
            while (!done()) await Task.Delay(200, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"waited {StartTimeout.TotalSeconds:0} s for {what}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_syncLoop is not null) await _syncLoop.ConfigureAwait(false);
        // Traffic and browser first, the API server last: each part stops before what it talks to.
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            try { await _parts[i].DisposeAsync().ConfigureAwait(false); }
            catch (Exception e) { Timeline.Add($"stopping part {i}: {e.Message}"); }
        }
        _stop.Dispose();
        _http?.Dispose();
        if (!_options.KeepWorkDirectory && _options.WorkDirectory is null)
        {
            try { Directory.Delete(WorkDirectory, recursive: true); }
            catch (IOException) { }
        }
    }

    private sealed class Disposer(Func<Task> dispose) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dispose().ConfigureAwait(false);
    }
}
