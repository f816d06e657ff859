using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;

namespace RumOperator.ReleaseGuard;

/// <summary>What became of one signal.</summary>
public sealed record GuardOutcome(Decision Decision, RollbackRecord? Record);

/// <summary>
/// The one decision path: read the RumSLO and its target, decide (<see cref="RollbackDecision"/>), act, audit.
/// Called by a single worker (<see cref="ReleaseGuardWorker"/>), so decisions never race within the process.
/// </summary>
public sealed class ReleaseGuardService(
    IClusterClient cluster, IEnumerable<IRollbackAction> actions, RollbackAudit audit, ReleaseGuardMetrics metrics,
    TimeProvider time, ILogger<ReleaseGuardService> logger)
{
    private readonly Dictionary<RollbackTargetKind, IRollbackAction> _actions = actions.ToDictionary(a => a.Kind);

    public async Task<GuardOutcome> HandleAsync(BurnSignal signal, CancellationToken ct)
    {
        var sloObject = await cluster.GetAsync(ApiGroup.ApiVersion, RumSlo.KindName, signal.Namespace, signal.Slo, ct).ConfigureAwait(false);
        var slo = Typed(sloObject, signal);
        var (target, targetObject) = slo is null ? (null, null) : await RollbackTargets.ReadAsync(cluster, slo, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var decision = RollbackDecision.Decide(new DecisionInput(signal, slo, target, now));
        metrics.Signal(Source(signal), decision.Reason);

        if (decision.Verdict == Verdict.Ignore)
        {
            logger.Log(decision.Reason == "unknown_slo" ? LogLevel.Warning : LogLevel.Information,
                "No rollback for RumSLO {Namespace}/{Slo} release {Release} ({Reason}): {Message}",
                signal.Namespace, signal.Slo, signal.Release, decision.Reason, decision.Message);
            return new GuardOutcome(decision, null);
        }

        var context = new RollbackContext(slo!, sloObject!, signal, now);
        var kind = context.Rollback.Target.Kind;
        var (action, result) = decision.Verdict switch
        {
            Verdict.Refuse => (RollbackTargets.ActionName(kind), ActionResult.Refused(decision.Message, targetObject)),
            _ when context.Rollback.DryRun => (RollbackResults.DryRunAction, ActionResult.Succeeded(decision.Message)),
            _ => (RollbackTargets.ActionName(kind), await _actions[kind].ExecuteAsync(context, ct).ConfigureAwait(false)),
        };
        var record = await audit.RecordAsync(context, action, result, ct).ConfigureAwait(false);
        return new GuardOutcome(decision, record);
    }

    public static string Source(BurnSignal signal) => signal.Source == SignalSource.Alertmanager ? "alertmanager" : "prometheus";

    /// <summary>A RumSLO stored by a newer or broken client may not read; that is an unknown SLO, logged with the reason.</summary>
    private RumSlo? Typed(JsonObject? obj, BurnSignal signal)
    {
        if (obj is null) return null;
        try { return obj.Deserialize<RumSlo>(RumJson.Lenient); }
        catch (JsonException e)
        {
            logger.LogWarning("RumSLO {Namespace}/{Slo} cannot be read ({Error}); ignoring its burn signal", signal.Namespace, signal.Slo, e.Message);
            return null;
        }
    }
}
