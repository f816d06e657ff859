using RumOperator.Api;
using RumOperator.ReleaseGuard;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard;

/// <summary>
/// The safety rules, one row each. A resolved alert and a bad token never reach the decision: see
/// AlertReceiverTests (no signal, nothing enqueued).
/// </summary>
public class RollbackDecisionTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public sealed record Row(string Name, BurnSignal Signal, Func<RumSlo?> Slo, TargetState? Target, Verdict Verdict, string Reason)
    {
        public override string ToString() => Name;
    }

    private static readonly TargetState Runs20 = new(true, "2.0", false);

    private static RumSlo WithStatus(string lastKnownGood = "1.0", params RollbackRecord[] rollbacks)
    {
        var slo = RollbackSlo();
        slo.Status = new RumSloStatus { LastKnownGoodRelease = lastKnownGood, Rollbacks = [.. rollbacks] };
        return slo;
    }

    private static RollbackRecord Record(string release, TimeSpan ago, string result = RollbackResults.Succeeded) =>
        new() { Release = release, Time = (Now - ago).UtcDateTime, Action = "Deployment", Result = result };

    public static TheoryData<Row> Rows => new(
        new Row("burning current release with traffic acts", Signal(), () => WithStatus(), Runs20, Verdict.Act, "rollback"),
        new Row("exactly minEvents is enough", Signal(events: 500), () => WithStatus(), Runs20, Verdict.Act, "rollback"),
        new Row("thin traffic", Signal(events: 499), () => WithStatus(), Runs20, Verdict.Ignore, "thin_traffic"),
        new Row("stable release", Signal(release: "1.0"), () => WithStatus(), new(true, "1.0", false), Verdict.Ignore, "stable_release"),
        new Row("within cooldown of another rollback", Signal(), () => WithStatus("1.0", Record("1.5", TimeSpan.FromMinutes(10))), Runs20, Verdict.Ignore, "cooldown"),
        new Row("cooldown over", Signal(), () => WithStatus("1.0", Record("1.5", TimeSpan.FromMinutes(31))), Runs20, Verdict.Act, "rollback"),
        new Row("a refusal starts no cooldown", Signal(), () => WithStatus("1.0", Record("1.5", TimeSpan.FromMinutes(1), RollbackResults.Refused)), Runs20, Verdict.Act, "rollback"),
        new Row("repeat alert after a rollback", Signal(), () => WithStatus("1.0", Record("2.0", TimeSpan.FromHours(2))), Runs20, Verdict.Ignore, "already_handled"),
        new Row("repeat alert after a refusal", Signal(), () => WithStatus("1.0", Record("2.0", TimeSpan.FromHours(2), RollbackResults.Refused)), Runs20, Verdict.Ignore, "already_handled"),
        new Row("a failed attempt is retried", Signal(), () => WithStatus("1.0", Record("2.0", TimeSpan.FromMinutes(1), RollbackResults.Failed)), Runs20, Verdict.Act, "rollback"),
        new Row("paused Deployment", Signal(), () => WithStatus(), new(true, "2.0", true), Verdict.Refuse, "paused"),
        new Row("fully promoted Rollout", Signal(), () => WithStatus(), new(true, "2.0", false, FullyPromoted: true), Verdict.Refuse, "fully_promoted"),
        new Row("another decider's live claim", Signal(), () => WithStatus("1.0", Record("2.0", TimeSpan.FromSeconds(30), RollbackResults.InProgress)), Runs20, Verdict.Ignore, "already_handled"),
        new Row("a crashed attempt's stale claim", Signal(), () => WithStatus("1.0", Record("2.0", TimeSpan.FromMinutes(3), RollbackResults.InProgress)), Runs20, Verdict.Act, "rollback"),
        new Row("release no longer rolled out", Signal(), () => WithStatus(), new(true, "1.0", false), Verdict.Ignore, "not_current_release"),
        new Row("target missing", Signal(), () => WithStatus(), new(false, null, false), Verdict.Refuse, "target_not_found"),
        new Row("unknown SLO", Signal(), () => null, Runs20, Verdict.Ignore, "unknown_slo"),
        new Row("rollback disabled", Signal(), () => { var s = WithStatus(); s.Spec.Rollback!.Enabled = false; return s; }, Runs20, Verdict.Ignore, "rollback_disabled"),
        new Row("dry run", Signal(), () => { var s = WithStatus(); s.Spec.Rollback!.DryRun = true; return s; }, Runs20, Verdict.Act, "dry_run"),
        new Row("webhook target has no workload to read", Signal(), () => WithStatus(), null, Verdict.Act, "rollback"),
        new Row("no status yet", Signal(), () => RollbackSlo(), Runs20, Verdict.Act, "rollback"));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decides(Row row)
    {
        var decision = RollbackDecision.Decide(new DecisionInput(row.Signal, row.Slo(), row.Target, Now));
        Assert.Equal((row.Verdict, row.Reason), (decision.Verdict, decision.Reason));
        Assert.False(string.IsNullOrWhiteSpace(decision.Message));
    }

    [Fact]
    public void Thin_traffic_names_the_count_and_the_field()
    {
        var decision = RollbackDecision.Decide(new DecisionInput(Signal(events: 12), RollbackSlo(), Runs20, Now));
        Assert.Contains("12 events", decision.Message);
        Assert.Contains("spec.rollback.minEvents 500", decision.Message);
    }
}
