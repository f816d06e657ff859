using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.PrometheusApi;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;
using RumOperator.Slo;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// The fallback when Alertmanager is down or not wired to the operator: every <see cref="ReleaseGuardOptions.PollInterval"/>,
/// evaluates each rollback-enabled RumSLO's page alert expression and event count through the Prometheus HTTP API
/// and feeds the result into the same <see cref="SignalQueue"/> as the alert receiver.
/// </summary>
public sealed class BurnRatePoller(
    IClusterClient cluster, IPrometheusQuery prometheus, SignalQueue queue, ReleaseGuardMetrics metrics,
    ReleaseGuardOptions options, TimeProvider time, IGuardLeadership leadership, ILogger<BurnRatePoller> logger) : BackgroundService
{
    /// <summary>The signals outcome of a RumSLO, or its pipeline, that cannot be read: it is skipped, the others are polled.</summary>
    public const string Unreadable = "unreadable";

    private PeriodicTimer? _timer;

    /// <summary>The timer starts with the host, not whenever ExecuteAsync gets scheduled, so the first poll is one interval after start.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(options.PollInterval, time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("StartAsync creates the timer");
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // Only the leader polls: N replicas would ask Prometheus N times for the same answer.
                if (!leadership.IsLeader) continue;
                try { await PollOnceAsync(stoppingToken).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Burn-rate poll failed; retrying in {Interval}", options.PollInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>One poll: the signals found (all enqueued unless the queue is full).</summary>
    public async Task<IReadOnlyList<BurnSignal>> PollOnceAsync(CancellationToken ct)
    {
        var signals = new List<BurnSignal>();
        foreach (var obj in await ListSlosAsync(ct).ConfigureAwait(false))
        {
            // One object that cannot be read (the SLO or its pipeline) is counted and logged; the others are still polled.
            var (slo, error) = ResourceJson.Read<RumSlo>(obj, Strictness.Lenient);
            if (slo is null)
            {
                metrics.Signal("prometheus", Unreadable);
                logger.LogWarning("RumSLO {Key} cannot be read ({Error}); not polled", ObjectKey.Of(obj), error);
                continue;
            }
            if (slo.Spec.Rollback is not { Enabled: true }) continue;
            var (rendered, unreadable) = await GuardedRules.RenderAsync(cluster, slo, ct).ConfigureAwait(false);
            if (rendered is null)
            {
                metrics.Signal("prometheus", Unreadable);
                logger.LogWarning("RumPipeline {Namespace}/{Pipeline} of RumSLO {Name} cannot be read ({Error}); not polled",
                    slo.Namespace, slo.Spec.PipelineRef.Name, slo.Name, unreadable);
                continue;
            }
            if (rendered.Page is not { } page)
            {
                logger.LogInformation("RumSLO {Namespace}/{Name} renders no page alert ({Errors}); not polled",
                    slo.Namespace, slo.Name, rendered.Ok ? "page alert disabled" : string.Join("; ", rendered.Errors));
                continue;
            }
            try
            {
                var burning = await prometheus.QueryAsync(page.Burning, ct).ConfigureAwait(false);
                if (burning.Count > 0)
                {
                    var events = await prometheus.QueryAsync(page.Events, ct).ConfigureAwait(false);
                    signals.AddRange(PolledSignals.Join(slo.Namespace, slo.Name, page.GroupBy, burning, events));
                }
                await UpdateLastKnownGoodAsync(obj, slo, page, burning, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PrometheusQueryException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // One SLO's query failing (e.g. a raw SLI's PromQL) must not hide the others' burn.
                metrics.Signal("prometheus", "query_error");
                logger.LogWarning("Burn-rate query for RumSLO {Namespace}/{Name} failed: {Error}", slo.Namespace, slo.Name, e.Message);
            }
        }
        foreach (var signal in signals.Where(s => !queue.TryEnqueue(s)))
            metrics.Signal("prometheus", "queue_full");
        return signals;
    }

    /// <summary>Writes status.lastKnownGoodRelease by the rule of <see cref="LastKnownGood"/> when it changes; a conflict waits for the next poll.</summary>
    private async Task UpdateLastKnownGoodAsync(JsonObject obj, RumSlo slo, PageQueries page, IReadOnlyList<PromSample> burning, CancellationToken ct)
    {
        var eventsOverWindow = await prometheus.QueryAsync(page.EventsOverLongestWindow, ct).ConfigureAwait(false);
        var served = await prometheus.QueryAsync(page.ServedThroughoutLongestWindow, ct).ConfigureAwait(false);
        var pick = LastKnownGood.Pick(slo.Status, slo.Spec.Rollback!.MinEvents, eventsOverWindow, served, burning);
        if (pick is null || pick == slo.Status?.LastKnownGoodRelease) return;
        var next = obj.DeepClone().AsObject();
        var status = next["status"] as JsonObject ?? [];
        status["lastKnownGoodRelease"] = pick;
        next["status"] = status;
        try
        {
            await cluster.ReplaceStatusAsync(next, ct).ConfigureAwait(false);
            logger.LogInformation("RumSLO {Namespace}/{Name}: last known good release is now {Release} (was {Previous})",
                slo.Namespace, slo.Name, pick, slo.Status?.LastKnownGoodRelease ?? "none");
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            logger.LogDebug("RumSLO {Namespace}/{Name} changed while writing lastKnownGoodRelease; the next poll writes it", slo.Namespace, slo.Name);
        }
    }

    private async Task<IEnumerable<JsonObject>> ListSlosAsync(CancellationToken ct)
    {
        if (options.Namespaces.Count == 0)
            return (await cluster.ListAsync(ApiGroup.ApiVersion, RumSlo.KindName, null, null, ct).ConfigureAwait(false)).Items;
        var all = new List<JsonObject>();
        foreach (var ns in options.Namespaces)
            all.AddRange((await cluster.ListAsync(ApiGroup.ApiVersion, RumSlo.KindName, ns, null, ct).ConfigureAwait(false)).Items);
        return all;
    }
}
