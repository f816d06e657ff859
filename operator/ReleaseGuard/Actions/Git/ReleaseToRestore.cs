using System.Text.RegularExpressions;
using RumOperator.Runtime.Client;
using RumOperator.Objects;

namespace RumOperator.ReleaseGuard;

/// <summary>The release a git revert writes back, where it came from, or why there is none.</summary>
public sealed partial record ReleaseToRestore(string? Release, string Source, string? Problem)
{
    /// <summary>What a release may look like before it is written into a file: a Kubernetes label value.</summary>
    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._+-]{0,126}[A-Za-z0-9])?$")] private static partial Regex SafeRelease();

    /// <summary>
    /// status.lastKnownGoodRelease when set; else, with rollback.target.name, the release label of the named
    /// Deployment's previous ReplicaSet revision (the one <see cref="DeploymentUndoPlan"/> would restore).
    /// </summary>
    public static async Task<ReleaseToRestore> FindAsync(IClusterClient cluster, RollbackContext context, CancellationToken ct)
    {
        var (rollback, ns) = (context.Rollback, context.Slo.Namespace);
        var found = context.Slo.Status?.LastKnownGoodRelease is { Length: > 0 } good
            ? new ReleaseToRestore(good, "status.lastKnownGoodRelease", null)
            : await FromDeploymentAsync(cluster, ns, rollback.Target.Name, rollback.ReleaseLabel, ct).ConfigureAwait(false);
        if (found.Release is not { } release) return found;
        if (release == context.Signal.Release)
            return found with { Release = null, Problem = $"the release to restore ({found.Source}) is {release}, the burning release itself" };
        if (!SafeRelease().IsMatch(release))
            return found with { Release = null, Problem = $"the release to restore ({found.Source}) is not a label value such as 1.4.2: it is not written into Git" };
        return found;
    }

    private static async Task<ReleaseToRestore> FromDeploymentAsync(IClusterClient cluster, string ns, string? name, string releaseLabel, CancellationToken ct)
    {
        const string none = "status.lastKnownGoodRelease is unset";
        if (name is not { Length: > 0 })
            return new(null, "", $"no release to restore: {none} and rollback.target.name names no Deployment whose previous revision gives one");
        var deployment = await cluster.GetAsync(OperatorKinds.Deployment.ApiVersion, OperatorKinds.Deployment.Kind, ns, name, ct).ConfigureAwait(false);
        if (deployment is null) return new(null, "", $"no release to restore: {none} and Deployment {ns}/{name} does not exist");
        var replicaSets = await cluster.ListAsync(OperatorKinds.ReplicaSet.ApiVersion, OperatorKinds.ReplicaSet.Kind, ns, DeploymentUndo.Selector(deployment), ct).ConfigureAwait(false);
        var (revision, previous, _) = DeploymentUndoPlan.PreviousRevision(deployment, replicaSets.Items);
        var source = $"Deployment {name} revision {revision}";
        return previous is not null && RollbackTargets.TemplateRelease(previous, releaseLabel) is { Length: > 0 } release
            ? new(release, source, null)
            : new(null, source, $"no release to restore: {none} and Deployment {ns}/{name} has no previous revision with label {releaseLabel}");
    }
}
