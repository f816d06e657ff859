using RumOperator.Objects;
using RumOperator.Runtime.Client;

namespace RumOperator.Controllers;

/// <summary>
/// The one place the operator registers its kinds with the runtime: the built-in kinds of <see cref="ResourceMap.Default"/>
/// plus every kind of <see cref="OperatorKinds"/> the runtime does not know (the custom resources, the Prometheus
/// Operator's, Argo's, Flagger's and grafana-operator's CRDs, the webhook configuration).
/// </summary>
public static class OperatorResources
{
    public static ResourceMap Map { get; } = ResourceMap.Default.With(
        [.. OperatorKinds.All.Where(k => !ResourceMap.Default.Contains(k.ApiVersion, k.Kind)).Select(ToResourceType)]);

    public static ResourceType ToResourceType(ObjectKind kind) => new(kind.Group, kind.Version, kind.Kind, kind.Plural, kind.Namespaced);
}
