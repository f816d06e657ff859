using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;

namespace RumOperator.Controllers;

/// <summary>
/// The releases a pipeline's rollback targets run now: the release label (rollback.releaseLabel) of the pod
/// template of every Deployment or Rollout that a RumSLO on this pipeline (same namespace) may roll back.
/// They go into the collector config (metrics.liveReleases) so their label values are never evicted.
/// </summary>
public static class LiveReleases
{
    /// <summary>A Rollout is not watched (its CRD may be absent, and the operator may only get it): re-read this often.</summary>
    public static readonly TimeSpan RolloutPollInterval = TimeSpan.FromMinutes(1);

    public sealed record Target(KindRef Kind, string Name, string ReleaseLabel);

    /// <summary>Pure: the Deployments and Rollouts the RumSLOs of <paramref name="pipeline"/> name as rollback targets.</summary>
    public static IReadOnlyList<Target> TargetsOf(string pipeline, IEnumerable<RumSlo> slos) =>
        slos.Where(s => s.Spec.PipelineRef.Name == pipeline)
            .Select(s => s.Spec.Rollback)
            .OfType<RollbackSpec>()
            .Select(r => (Rollback: r, Type: RollbackTargets.TypeOf(r.Target.Kind)))
            .Where(x => x.Type is not null && x.Rollback.Target.Name is { Length: > 0 })
            .Select(x => new Target(new KindRef(x.Type!.Value.ApiVersion, x.Type.Value.Kind), x.Rollback.Target.Name!, x.Rollback.ReleaseLabel))
            .Distinct()
            .ToList();

    /// <summary>The SLOs whose rollback target is this workload, for mapping a workload change to their pipelines.</summary>
    public static IEnumerable<string> PipelinesTargeting(JsonObject workload, IEnumerable<JsonObject> slos)
    {
        var kind = KindRef.Of(workload);
        var name = ObjectMeta.Name(workload);
        foreach (var obj in slos)
        {
            var (slo, _) = ResourceJson.Read<RumSlo>(obj, Strictness.Lenient, ignoreStatus: true);
            if (slo is null) continue;
            if (TargetsOf(slo.Spec.PipelineRef.Name, [slo]).Any(t => t.Kind == kind && t.Name == name)) yield return slo.Spec.PipelineRef.Name;
        }
    }

    /// <summary>Reads the targets; a missing target or an unserved Rollout kind contributes nothing.</summary>
    public static async Task<(IReadOnlyList<string> Releases, bool HasRollouts)> ReadAsync(IObjectReader reader, string ns, string pipeline, ILogger logger, CancellationToken ct)
    {
        var slos = new List<RumSlo>();
        foreach (var obj in await reader.ListAsync(KindRef.RumSlo, ns, null, ct).ConfigureAwait(false))
            if (ResourceJson.Read<RumSlo>(obj, Strictness.Lenient, ignoreStatus: true).Resource is { } slo) slos.Add(slo);
        var targets = TargetsOf(pipeline, slos);
        var releases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            JsonObject? workload;
            try { workload = await reader.GetAsync(target.Kind, ns, target.Name, ct).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Rollback target {Kind} {Namespace}/{Name} could not be read; its release is not pinned", target.Kind.Kind, ns, target.Name);
                continue;
            }
            if (workload is not null && RollbackTargets.TemplateRelease(workload, target.ReleaseLabel) is { Length: > 0 } release) releases.Add(release);
        }
        return ([.. releases], targets.Any(t => t.Kind != KindRef.Deployment));
    }
}
