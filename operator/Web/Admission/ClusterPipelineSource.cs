using System.Text.Json;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;

namespace RumOperator.Web.Admission;

/// <summary>Reads the pipeline from the API server (RBAC: get on rumpipelines, which the operator has anyway).</summary>
public sealed class ClusterPipelineSource(IClusterClient client) : IPipelineSource
{
    /// <exception cref="JsonException">the stored pipeline cannot be read (the webhook then admits with a warning).</exception>
    public async Task<RumPipeline?> GetAsync(string ns, string name, CancellationToken ct)
    {
        if (await client.GetAsync(ApiGroup.ApiVersion, RumPipeline.KindName, ns, name, ct).ConfigureAwait(false) is not { } obj) return null;
        // Lenient: a stored pipeline may carry fields of a newer operator version; the check needs only what this one knows.
        var (pipeline, error) = ResourceJson.Read<RumPipeline>(obj, Strictness.Lenient);
        return pipeline ?? throw new JsonException($"RumPipeline {ns}/{name} cannot be read: {error}");
    }
}
