using RumOperator.Api;

namespace RumOperator.ReleaseGuard;

public enum Verdict
{
    /// <summary>Nothing to do; logged and counted, not recorded in status.</summary>
    Ignore,
    /// <summary>A rollback is due but unsafe: recorded, with an Event asking a human to act.</summary>
    Refuse,
    /// <summary>Roll back (or, with dryRun, record that we would have).</summary>
    Act,
}

/// <summary>What the target runs now. Null in <see cref="DecisionInput"/> when the target is a webhook (nothing to read).</summary>
/// <param name="FullyPromoted">An Argo Rollout whose stable ReplicaSet is the current one: an abort would roll nothing back.</param>
public sealed record TargetState(bool Exists, string? CurrentRelease, bool Paused, bool FullyPromoted = false);

/// <param name="ClaimTimeout">How long an InProgress record holds its release (see <see cref="RollbackHistory.IsLiveClaim"/>).</param>
public sealed record DecisionInput(BurnSignal Signal, RumSlo? Slo, TargetState? Target, DateTimeOffset Now, TimeSpan? ClaimTimeout = null)
{
    public static readonly TimeSpan DefaultClaimTimeout = TimeSpan.FromMinutes(2);
}

/// <param name="Reason">A stable snake_case reason, used as the metric's outcome label.</param>
public sealed record Decision(Verdict Verdict, string Reason, string Message);

/// <summary>Pure: may this burn signal roll back its release? The safety rules of docs/rollback.md, in order.</summary>
public static class RollbackDecision
{
    public static Decision Decide(DecisionInput input)
    {
        var (signal, slo, target, now, claimTimeout) = input;
        var release = signal.Release;
        if (slo is null) return Ignore("unknown_slo", $"RumSLO {signal.Namespace}/{signal.Slo} does not exist");
        if (slo.Spec.Rollback is not { Enabled: true } rollback) return Ignore("rollback_disabled", $"RumSLO {signal.Namespace}/{signal.Slo} has no enabled spec.rollback");
        if (signal.Events < rollback.MinEvents)
            return Ignore("thin_traffic", $"release {release} has {signal.Events} events, fewer than spec.rollback.minEvents {rollback.MinEvents}");

        var status = slo.Status ?? new RumSloStatus();
        // Failed records (older operators kept them here) and claims of crashed attempts do not count as handled.
        if (status.Rollbacks.LastOrDefault(r => r.Release == release && r.Result != RollbackResults.Failed
                && (r.Result != RollbackResults.InProgress || RollbackHistory.IsLiveClaim(r, now, claimTimeout ?? DecisionInput.DefaultClaimTimeout))) is { } done)
            return Ignore("already_handled", $"release {release} was handled at {done.Time:O} ({done.Action}: {done.Result})");
        if (release == status.LastKnownGoodRelease)
            return Ignore("stable_release", $"release {release} is the last known good release");
        if (LastRollback(status) is { } last && PromDuration.TryParse(rollback.Cooldown, out var cooldown) && now < last.Time.ToUniversalTime() + cooldown)
            return Ignore("cooldown", $"the last rollback ({last.Release} at {last.Time:O}) is within spec.rollback.cooldown {rollback.Cooldown}");

        if (target is not null)
        {
            var what = $"{rollback.Target.Kind} {signal.Namespace}/{rollback.Target.Name}";
            if (!target.Exists) return Refuse("target_not_found", $"{what} does not exist");
            if (target.CurrentRelease != release)
                return Ignore("not_current_release", $"{what} runs release '{target.CurrentRelease}' (label {rollback.ReleaseLabel}), not {release}");
            if (target.Paused) return Refuse("paused", $"{what} is paused: resume it or roll back by hand");
            if (target.FullyPromoted)
                return Refuse("fully_promoted", $"{what} is fully promoted (status.stableRS is the current pod hash): an abort would not roll {release} back; roll back in Git or by hand");
        }
        return rollback.DryRun
            ? new Decision(Verdict.Act, "dry_run", $"dry run: would roll back release {release}")
            : new Decision(Verdict.Act, "rollback", $"rolling back release {release}");
    }

    /// <summary>Cooldown counts rollbacks taken (and dry runs, so a dry run shows what would happen), not failures or refusals.</summary>
    private static RollbackRecord? LastRollback(RumSloStatus status) =>
        status.Rollbacks.Where(r => r.Result == RollbackResults.Succeeded).MaxBy(r => r.Time);

    private static Decision Ignore(string reason, string message) => new(Verdict.Ignore, reason, message);
    private static Decision Refuse(string reason, string message) => new(Verdict.Refuse, reason, message);
}

/// <summary>The values of RollbackRecord.Result and .Action.</summary>
public static class RollbackResults
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Refused = "Refused";

    /// <summary>The claim written before acting; replaced by the outcome.</summary>
    public const string InProgress = "InProgress";

    public const string DryRunAction = "dryRun";
}
