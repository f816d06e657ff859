using System.Diagnostics;
using System.Globalization;
using RumOperator.Metrics;
using RumOperator.Slo;

namespace RumOperator.LocalStack;

/// <summary>How the regression scenario ended.</summary>
public sealed record ScenarioResult(bool Ok, string Release, TimeSpan? ToPage, TimeSpan? ToRollback, string Verdict);

/// <summary>
/// Page → rollback → recovery on the local stack: once the stable release has burn-rate series, the failing
/// release is rolled out on the demo Deployment (its checkout paints late, the load generator's slow LCPs follow
/// it); the scenario passes when the guard has rolled that release back, the Deployment runs the stable release
/// again and the guard did not act on any other release.
/// </summary>
public static class RegressionScenario
{
    public static readonly TimeSpan BaselineTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(240);
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    public static async Task<ScenarioResult> RunAsync(LocalStack stack, CancellationToken ct)
    {
        var (slo, releases, timeline) = (stack.GuardedSlo, stack.Releases, stack.Timeline);
        var shortest = RuleNames.BurnRate(SloEngine.Render(slo, null).Plan!.Windows[0]);
        var baseline = $"{shortest}{{{RuleNames.SloLabel}=\"{slo.Name}\",{RuleNames.NamespaceLabel}=\"{slo.Namespace}\",{RumLabels.Release}=\"{releases.Stable}\"}}";
        if (!await UntilAsync(async () => (await stack.Prometheus.QueryAsync(baseline, ct).ConfigureAwait(false)).Count > 0, BaselineTimeout, ct).ConfigureAwait(false))
            return Fail(releases.Failing, $"no burn rate for release {releases.Stable} after {BaselineTimeout.TotalSeconds:0} s ({baseline})");
        timeline.Add($"baseline: release {releases.Stable} has burn-rate series ({shortest})");

        var clock = Stopwatch.StartNew();
        var slowCheckout = $"its checkout paints {Demo.DemoShop.SlowHero.TotalSeconds:0.0} s late";
        if (stack.GitOps is { } gitops)
        {
            var published = await gitops.PublishAsync(releases.Failing, ct).ConfigureAwait(false);
            timeline.Add($"regression: CI committed release {releases.Failing} to {gitops.KustomizationPath} ({published[..7]}); {slowCheckout}");
        }
        else
        {
            stack.Workload.RollOut(releases.Failing);
            timeline.Add($"regression: rolled out release {releases.Failing} on Deployment {stack.Workload.Target.Namespace}/{stack.Workload.Target.Name}; {slowCheckout}");
        }
        var start = timeline.Now;

        ObservedRollback? Done() => stack.Observer.Rollbacks.FirstOrDefault(r => r.Slo == slo.Name && r.Release == releases.Failing
            && r.Result.StartsWith("Succeeded", StringComparison.Ordinal));
        async Task<bool> RolledBack() => Done() is not null && stack.Workload.Release == releases.Stable
            && (stack.GitOps is null || await stack.GitOps.PinnedReleaseAsync(ct).ConfigureAwait(false) == releases.Stable);
        if (!await UntilAsync(RolledBack, RollbackTimeout, ct).ConfigureAwait(false))
            return Fail(releases.Failing, $"release {releases.Failing} not rolled back after {RollbackTimeout.TotalSeconds:0} s; Deployment runs {stack.Workload.Release}");
        var toRollback = clock.Elapsed;
        var toPage = stack.Observer.FirstPage(slo.Namespace, slo.Name, releases.Failing) - start;

        if (await UntilAsync(() => Task.FromResult(!stack.Observer.IsPaging(releases.Failing)), RecoveryTimeout, ct).ConfigureAwait(false))
            timeline.Add($"recovery: no page alert for release {releases.Failing}; Deployment runs {stack.Workload.Release}");
        else
            timeline.Add($"recovery: release {releases.Failing} still pages {RecoveryTimeout.TotalSeconds:0} s after the rollback (its old tabs keep sending)");

        var others = stack.Observer.Rollbacks.Where(r => r.Release != releases.Failing).ToList();
        if (others.Count > 0)
            return Fail(releases.Failing, $"the guard also acted on {string.Join(", ", others.Select(o => $"{o.Slo}/{o.Release} ({o.Action} {o.Result})"))}");
        var revert = Done()!.Commit is { Length: > 0 } c ? c[..Math.Min(7, c.Length)] : "?";
        var verdict = stack.GitOps is null
            ? string.Create(CultureInfo.InvariantCulture, $"rolled back {releases.Failing} in {toRollback.TotalSeconds:0.0} s")
            : string.Create(CultureInfo.InvariantCulture, $"reverted {releases.Failing} in Git in {toRollback.TotalSeconds:0.0} s (commit {revert})");
        return new ScenarioResult(true, releases.Failing, toPage, toRollback, verdict);
    }

    private static ScenarioResult Fail(string release, string why) => new(false, release, null, null, $"scenario failed: {why}");

    private static async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await done().ConfigureAwait(false)) return true;
            }
            catch (PrometheusApi.PrometheusQueryException) { } // Prometheus still starting: ask again
            await Task.Delay(500, ct).ConfigureAwait(false);
        }
        return false;
    }
}
