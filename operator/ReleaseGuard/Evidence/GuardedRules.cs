using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Validation;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// The rules the SLO engine renders for a guarded RumSLO, checked against its pipeline as the operator renders
/// them. A missing pipeline renders without its checks; one that cannot be read renders nothing (its field error
/// says why), so the guard never acts, nor polls, on rules the operator could not have rendered.
/// </summary>
public static class GuardedRules
{
    public static async Task<(SloRenderResult? Rendered, FieldError? UnreadablePipeline)> RenderAsync(IClusterClient cluster, RumSlo slo, CancellationToken ct)
    {
        var obj = await cluster.GetAsync(ApiGroup.ApiVersion, RumPipeline.KindName, slo.Namespace, slo.Spec.PipelineRef.Name, ct).ConfigureAwait(false);
        if (obj is null) return (SloEngine.Render(slo, null), null);
        var (pipeline, error) = ResourceJson.Read<RumPipeline>(obj, Strictness.Lenient);
        return pipeline is null ? (null, error) : (SloEngine.Render(slo, pipeline), null);
    }
}
