using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;

namespace RumOperator.Web.Admission;

/// <summary>Reads the pipeline from the API server (RBAC: get on rumpipelines, which the operator has anyway).</summary>
public sealed class ClusterPipelineSource(IClusterClient client) : IPipelineSource
{
    public Task<RumPipeline?> GetAsync(string ns, string name, CancellationToken ct) =>
        // Lenient: a stored pipeline may carry fields of a newer operator version; the check needs only what this one knows.
        client.GetAsync<RumPipeline>(ApiGroup.ApiVersion, RumPipeline.KindName, ns, name, RumJson.Lenient, ct);
}
