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

    /// <summary>
    /// The hash leaves out metrics.liveReleases: they change with every deploy of a rollback target, and the
    /// collectors pick the ConfigMap change up by reloading, so rolling every collector pod would only lose counters.
    /// </summary>
    public static CollectorConfigDocument From(RumPipeline pipeline, IEnumerable<SamplingPolicy> policies, IEnumerable<string>? liveReleases = null)
    {
        var result = CollectorConfigBuilder.Build(pipeline, policies, liveReleases);
        var node = JsonSerializer.SerializeToNode(result.Config, RumJson.Lenient)!;
        var json = CanonicalJson.Write(node);
        node["metrics"]!.AsObject().Remove(LiveReleasesField);
        return new CollectorConfigDocument(json, HashOf(CanonicalJson.Write(node)), result.AppliedPolicies, result.Conflicts);
    }

    private static readonly string LiveReleasesField = JsonNamingPolicy.CamelCase.ConvertName(nameof(CollectorMetrics.LiveReleases));

    public static string HashOf(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..HashLength];
}
