namespace RumOperator.Runtime.Client;

/// <summary>
/// apiVersion+kind → REST plural and scope. A fixed table instead of discovery-driven RESTMapping: a static table
/// keeps paths testable offline. <see cref="Default"/> holds the built-in Kubernetes kinds only; the runtime knows
/// nothing of the operator's types, so the operator registers its custom resources and the CRDs it writes with
/// <see cref="With(ResourceType[])"/>.
/// </summary>
public sealed class ResourceMap
{
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceType> _byKind;

    public ResourceMap(IEnumerable<ResourceType> types) =>
        _byKind = types.ToDictionary(t => (t.ApiVersion, t.Kind));

    /// <summary>The built-in kinds: core, apps, autoscaling, policy, networking, events, coordination.</summary>
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
        new("coordination.k8s.io", "v1", "Lease", "leases", true),
    ]);

    public IReadOnlyCollection<ResourceType> All => _byKind.Values;

    public bool Contains(string apiVersion, string kind) => _byKind.ContainsKey((apiVersion, kind));

    public ResourceType Resolve(string apiVersion, string kind) =>
        _byKind.TryGetValue((apiVersion, kind), out var type)
            ? type
            : throw new ArgumentException(
                $"apiVersion/kind: {apiVersion} {kind} is not in the operator's resource map; add it to ResourceMap");

    public ResourceMap With(params ResourceType[] extra) => new(_byKind.Values.Concat(extra));
}
