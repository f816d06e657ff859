using RumOperator.Api;

namespace RumOperator.Web.Admission;

/// <summary>Where the webhook looks up the RumPipeline a RumSLO references, for the checks that need it.</summary>
public interface IPipelineSource
{
    /// <summary>The pipeline, or null when it does not exist (yet: GitOps tools apply in any order).</summary>
    Task<RumPipeline?> GetAsync(string ns, string name, CancellationToken ct);
}
