using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.PrometheusApi;
using RumOperator.Runtime.Client;

namespace RumOperator.ReleaseGuard;

/// <summary>A signal that held up (with the burn rate and events Prometheus measured), or why it did not.</summary>
public sealed record Verified(BurnSignal? Signal, string? Reason, string? Message)
{
    public static Verified Holds(BurnSignal signal) => new(signal, null, null);
    public static Verified Fails(string reason, string message) => new(null, reason, message);
}

/// <summary>
/// The alert is the trigger, Prometheus the evidence: before acting, the signal must come from the page rule the
/// operator renders for the RumSLO (<see cref="AlertOrigin"/>), and, with --prometheus-url, the page expression and
/// event count of that SLO and release are evaluated again; the guard then acts on Prometheus' figures, not on the
/// alert's annotations. Without Prometheus the alert's own figures are used (documented in docs/rollback.md).
/// </summary>
public sealed class SignalEvidence(IClusterClient cluster, ReleaseGuardMetrics metrics, ILogger<SignalEvidence> logger, IPrometheusQuery? prometheus = null)
{
    public async Task<Verified> VerifyAsync(BurnSignal signal, RumSlo slo, CancellationToken ct)
    {
        var (rendered, unreadable) = await GuardedRules.RenderAsync(cluster, slo, ct).ConfigureAwait(false);
        if (rendered is null)
            return Verified.Fails("no_rendered_rule", $"RumSLO {slo.Namespace}/{slo.Name} renders no page alert (RumPipeline {slo.Spec.PipelineRef.Name} cannot be read: {unreadable})");
        if (rendered.Page is not { } page)
            return Verified.Fails("no_rendered_rule", $"RumSLO {slo.Namespace}/{slo.Name} renders no page alert ({string.Join("; ", rendered.Errors)})");
        if (AlertOrigin.Mismatch(signal, page) is { } mismatch)
            return Verified.Fails("unknown_rule", $"the alert cannot come from a rule of RumSLO {slo.Namespace}/{slo.Name}: {mismatch}");
        // The poller's signal is Prometheus' answer of a moment ago.
        if (prometheus is null || signal.Source == SignalSource.Prometheus) return Verified.Holds(signal);

        try
        {
            if (AlertOrigin.SameGroup(signal, page, await prometheus.QueryAsync(page.Burning, ct).ConfigureAwait(false)) is not { } burning
                || !double.IsFinite(burning.Value))
            {
                metrics.Evidence.WithLabels("no_evidence").Inc();
                return Verified.Fails("no_evidence", $"Prometheus does not see release {signal.Release} burning at page level now");
            }
            metrics.Evidence.WithLabels("confirmed").Inc();
            var events = AlertOrigin.SameGroup(signal, page, await prometheus.QueryAsync(page.Events, ct).ConfigureAwait(false));
            return Verified.Holds(signal with
            {
                BurnRate = burning.Value,
                Events = events is { Value: var n } && double.IsFinite(n) ? (long)Math.Round(n) : 0,
            });
        }
        catch (Exception e) when (e is PrometheusQueryException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // No evidence, no action: the alert repeats and is checked again.
            metrics.Evidence.WithLabels("unavailable").Inc();
            logger.LogWarning("Evidence query for RumSLO {Namespace}/{Slo} failed: {Error}", slo.Namespace, slo.Name, e.Message);
            return Verified.Fails("evidence_unavailable", $"Prometheus could not be asked: {e.Message}");
        }
    }
}
