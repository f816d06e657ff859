using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RumOperator.Api;
using RumOperator.CollectorConfig;
using RumOperator.Serialization;

namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// The collector config as it lands in the ConfigMap, with the hash that goes into the pod
/// template so a config change rolls the pods. The reconciler reports Hash, AppliedPolicies
/// and Conflicts in status; the ConfigMap and Deployment builders use Json and Hash.
/// </summary>
public sealed record CollectorConfigDocument(string Json, string Hash, IReadOnlyList<string> AppliedPolicies, IReadOnlyList<string> Conflicts)
{
    /// <summary>Hex characters of the SHA-256 kept: enough to tell configs apart, short enough to read.</summary>
    public const int HashLength = 16;

    public static CollectorConfigDocument From(RumPipeline pipeline, IEnumerable<SamplingPolicy> policies)
    {
        var result = CollectorConfigBuilder.Build(pipeline, policies);
        var json = CanonicalJson.Write(JsonSerializer.SerializeToNode(result.Config, RumJson.Lenient));
        return new CollectorConfigDocument(json, HashOf(json), result.AppliedPolicies, result.Conflicts);
    }

    public static string HashOf(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..HashLength];
}
