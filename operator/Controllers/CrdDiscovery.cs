using RumOperator.Runtime.Client;

namespace RumOperator.Controllers;

/// <summary>Asks the API server whether a kind is served, e.g. whether the Prometheus Operator CRDs are installed.</summary>
public static class CrdDiscovery
{
    public static Task<bool> IsServedAsync(this IClusterClient client, KindRef kind, CancellationToken ct = default)
    {
        var type = OperatorResources.Map.Resolve(kind.ApiVersion, kind.Kind);
        return client.HasResourceAsync(type.Group, type.Version, type.Plural, ct);
    }
}
