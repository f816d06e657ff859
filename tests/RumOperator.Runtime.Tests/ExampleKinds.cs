using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.Tests;

/// <summary>
/// Custom kinds the runtime's tests use, registered the way the operator registers its own: the runtime's
/// <see cref="ResourceMap.Default"/> knows only the built-in kinds.
/// </summary>
public static class ExampleKinds
{
    public static readonly ResourceMap Resources = ResourceMap.Default.With(
        new ResourceType("rumops.dev", "v1alpha1", "RumPipeline", "rumpipelines", true),
        new ResourceType("rumops.dev", "v1alpha1", "RumSLO", "rumslos", true),
        new ResourceType("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors", true),
        new ResourceType("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules", true));
}
