namespace RumOperator.Runtime.Client;

/// <summary>
/// apiVersion+kind → REST plural and scope. A fixed table instead of discovery-driven RESTMapping:
/// the operator only ever touches these kinds, and a static table keeps paths testable offline.
/// </summary>
public sealed class ResourceMap
{
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceType> _byKind;

    public ResourceMap(IEnumerable<ResourceType> types) =>
        _byKind = types.ToDictionary(t => (t.ApiVersion, t.Kind));

    public static ResourceMap Default { get; } = new(
    [
        new("", "v1", "ConfigMap", "configmaps", true),
        new("", "v1", "Service", "services", true),
        new("", "v1", "ServiceAccount", "serviceaccounts", true),
        new("", "v1", "Secret", "secrets", true),
        new("", "v1", "Namespace", "namespaces", false),
        new("events.k8s.io", "v1", "Event", "events", true),
        new("apps", "v1", "Deployment", "deployments", true),
        new("apps", "v1", "ReplicaSet", "replicasets", true),
        new("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
        new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
        new("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors", true),
        new("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules", true),
        new("argoproj.io", "v1alpha1", "Rollout", "rollouts", true),
        new("argoproj.io", "v1alpha1", "AnalysisTemplate", "analysistemplates", true),
        new("flagger.app", "v1beta1", "MetricTemplate", "metrictemplates", true),
        new("grafana.integreatly.org", "v1beta1", "GrafanaDashboard", "grafanadashboards", true),
        new("coordination.k8s.io", "v1", "Lease", "leases", true),
        new("rumops.dev", "v1alpha1", "RumPipeline", "rumpipelines", true),
        new("rumops.dev", "v1alpha1", "RumSLO", "rumslos", true),
        new("rumops.dev", "v1alpha1", "SamplingPolicy", "samplingpolicies", true),
    ]);

    public IReadOnlyCollection<ResourceType> All => _byKind.Values;

    public ResourceType Resolve(string apiVersion, string kind) =>
        _byKind.TryGetValue((apiVersion, kind), out var type)
            ? type
            : throw new ArgumentException(
                $"apiVersion/kind: {apiVersion} {kind} is not in the operator's resource map; add it to ResourceMap");

    public ResourceMap With(params ResourceType[] extra) => new(_byKind.Values.Concat(extra));
}
