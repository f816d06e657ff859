using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;

namespace RumOperator.ReleaseGuard;

/// <summary>What became of one signal.</summary>
public sealed record GuardOutcome(Decision Decision, RollbackRecord? Record);

/// <summary>
/// The one decision path: read the RumSLO, check the signal's origin and evidence (<see cref="SignalEvidence"/>), read
/// the target, decide (<see cref="RollbackDecision"/>), claim, act within the action deadline, audit. The claim is
/// written conditionally on the resourceVersion the decision read, so when two replicas decide the same SLO at once
/// one claim wins and the other decides again on a fresh read: the RumSLO's status is the per-SLO lease.
/// </summary>
public sealed class ReleaseGuardService(
    IClusterClient cluster, IEnumerable<IRollbackAction> actions, RollbackAudit audit, SignalEvidence evidence, ReleaseGuardMetrics metrics,
    ReleaseGuardOptions options, TimeProvider time, ILogger<ReleaseGuardService> logger)
{
    private const int DecideAttempts = 4;
    private readonly Dictionary<RollbackTargetKind, IRollbackAction> _actions = actions.ToDictionary(a => a.Kind);

    public async Task<GuardOutcome> HandleAsync(BurnSignal signal, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await DecideAsync(signal, ct).ConfigureAwait(false); }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < DecideAttempts)
            {
                logger.LogInformation("RumSLO {Namespace}/{Slo} changed while deciding release {Release}; deciding again", signal.Namespace, signal.Slo, signal.Release);
            }
        }
    }

    private async Task<GuardOutcome> DecideAsync(BurnSignal signal, CancellationToken ct)
    {
        var sloObject = await cluster.GetAsync(ApiGroup.ApiVersion, RumSlo.KindName, signal.Namespace, signal.Slo, ct).ConfigureAwait(false);
        var slo = ReadSlo(sloObject, signal);
        if (slo?.Spec.Rollback is { Enabled: true })
        {
            var verified = await evidence.VerifyAsync(signal, slo, ct).ConfigureAwait(false);
            if (verified.Signal is null) return Ignored(signal, new Decision(Verdict.Ignore, verified.Reason!, verified.Message!));
            signal = verified.Signal;
        }
        var (target, targetObject) = slo is null ? (null, null) : await RollbackTargets.ReadAsync(cluster, slo, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var decision = RollbackDecision.Decide(new DecisionInput(signal, slo, target, now, ClaimTimeout(slo)));
        if (decision.Verdict == Verdict.Ignore) return Ignored(signal, decision);
        metrics.Signal(Source(signal), decision.Reason);

        var context = new RollbackContext(slo!, sloObject!, signal, now);
        var kind = context.Rollback.Target.Kind;
        var action = RollbackTargets.ActionName(kind);
        if (decision.Verdict == Verdict.Refuse)
            return new GuardOutcome(decision, await audit.CommitAsync(context, action, ActionResult.Refused(decision.Message, targetObject), ct).ConfigureAwait(false));
        if (context.Rollback.DryRun)
            return new GuardOutcome(decision, await audit.CommitAsync(context, RollbackResults.DryRunAction, ActionResult.Succeeded(decision.Message), ct).ConfigureAwait(false));

        var claimed = await audit.ClaimAsync(context, action, ct).ConfigureAwait(false);
        var result = await ActWithinDeadlineAsync(_actions[kind], context, ct).ConfigureAwait(false);
        return new GuardOutcome(decision, await audit.RecordAsync(context with { SloObject = claimed }, action, result, ct).ConfigureAwait(false));
    }

    /// <summary>Twice the action deadline: a claim older than that belongs to a crashed attempt.</summary>
    private TimeSpan ClaimTimeout(RumSlo? slo) => Deadline(slo?.Spec.Rollback) * 2;

    /// <summary>Each action has its own deadline (on the guard's clock), so a target that never answers fails instead of stalling its lane.</summary>
    private async Task<ActionResult> ActWithinDeadlineAsync(IRollbackAction action, RollbackContext context, CancellationToken ct)
    {
        var deadline = Deadline(context.Rollback);
        using var timeout = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try { return await action.ExecuteAsync(context, linked.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return ActionResult.Failed($"{RollbackTargets.ActionName(action.Kind)} did not finish within the action deadline ({deadline.TotalSeconds:0} s); the next signal decides again");
        }
    }

    /// <summary>The guard's action deadline, or a git target's own spec.rollback.git.timeout (plus room to report it) when that is longer.</summary>
    private TimeSpan Deadline(RollbackSpec? rollback) =>
        rollback?.Git is { } git && PromDuration.TryParse(git.Timeout, out var own) && own + GitReportMargin > options.ActionTimeout
            ? own + GitReportMargin
            : options.ActionTimeout;

    private static readonly TimeSpan GitReportMargin = TimeSpan.FromSeconds(15);

    private GuardOutcome Ignored(BurnSignal signal, Decision decision)
    {
        metrics.Signal(Source(signal), decision.Reason);
        logger.Log(decision.Reason is "unknown_slo" or "unknown_rule" or "no_evidence" ? LogLevel.Warning : LogLevel.Information,
            "No rollback for RumSLO {Namespace}/{Slo} release {Release} ({Reason}): {Message}",
            signal.Namespace, signal.Slo, signal.Release, decision.Reason, decision.Message);
        return new GuardOutcome(decision, null);
    }

    public static string Source(BurnSignal signal) => signal.Source == SignalSource.Alertmanager ? "alertmanager" : "prometheus";

    /// <summary>A RumSLO stored by a newer or broken client may not read; that is an unknown SLO, logged with the reason.</summary>
    private RumSlo? ReadSlo(JsonObject? obj, BurnSignal signal)
    {
        if (obj is null) return null;
        var (slo, error) = ResourceJson.Read<RumSlo>(obj, Strictness.Lenient);
        if (error is not null)
            logger.LogWarning("RumSLO {Namespace}/{Slo} cannot be read ({Error}); ignoring its burn signal", signal.Namespace, signal.Slo, error);
        return slo;
    }
}
