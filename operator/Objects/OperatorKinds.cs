using RumOperator.Api;

namespace RumOperator.Objects;

/// <summary>The custom resources whose reconciler owns (renders, applies and prunes) objects of a kind.</summary>
[Flags]
public enum KindOwners
{
    None = 0,
    RumPipeline = 1,
    RumSlo = 2,
}

/// <summary>One RBAC permission: a verb on the resource itself or, with <see cref="Subresource"/>, on a subresource.</summary>
public sealed record KindPermission(string Verb, string? Subresource = null)
{
    public override string ToString() => Subresource is null ? Verb : $"{Verb} {Subresource}";
}

/// <summary>
/// A kind the operator reads or writes: how the API server addresses it (group, version, plural, scope),
/// which custom resources own objects of it, and the permissions the operator needs on it.
/// </summary>
public sealed record ObjectKind(string Group, string Version, string Kind, string Plural, bool Namespaced, KindOwners OwnedBy, IReadOnlyList<KindPermission> Permissions)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public override string ToString() => $"{ApiVersion} {Kind}";
}

/// <summary>
/// The one table of kinds the operator touches. The renderers build objects of these kinds, the controller wiring
/// watches and owns them, pruning lists them, `render` orders its output by them, the operator's resource map is
/// derived from them, and a test checks the chart's RBAC grants exactly <see cref="ObjectKind.Permissions"/>.
/// Owned kinds come first, in apply order (what a Deployment uses before the Deployment).
/// </summary>
public static class OperatorKinds
{
    /// <summary>Owned objects: server-side apply (patch, and create when absent), watch for drift, list by owner label and prune.</summary>
    private static readonly KindPermission[] Owned = Verbs("get", "list", "watch", "create", "patch", "delete");

    public static readonly ObjectKind ServiceAccount = new("", "v1", "ServiceAccount", "serviceaccounts", true, KindOwners.RumPipeline, Owned);
    /// <summary>The collector config; the sidecar dashboards of pipelines and RumSLOs.</summary>
    public static readonly ObjectKind ConfigMap = new("", "v1", "ConfigMap", "configmaps", true, KindOwners.RumPipeline | KindOwners.RumSlo, Owned);
    public static readonly ObjectKind Service = new("", "v1", "Service", "services", true, KindOwners.RumPipeline, Owned);
    /// <summary>The collectors; also watched as release targets and rolled back (get, patch) by the release guard.</summary>
    public static readonly ObjectKind Deployment = new("apps", "v1", "Deployment", "deployments", true, KindOwners.RumPipeline, Owned);
    public static readonly ObjectKind HorizontalPodAutoscaler = new("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, KindOwners.RumPipeline, Owned);
    public static readonly ObjectKind PodDisruptionBudget = new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, KindOwners.RumPipeline, Owned);
    public static readonly ObjectKind NetworkPolicy = new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, KindOwners.RumPipeline, Owned);
    public static readonly ObjectKind ServiceMonitor = new("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors", true, KindOwners.RumPipeline, Owned);
    public static readonly ObjectKind PrometheusRule = new("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules", true, KindOwners.RumSlo, Owned);
    /// <summary>grafana-operator dashboards, where the CRD is served.</summary>
    public static readonly ObjectKind GrafanaDashboard = new("grafana.integreatly.org", "v1beta1", "GrafanaDashboard", "grafanadashboards", true, KindOwners.RumPipeline | KindOwners.RumSlo, Owned);
    /// <summary>Argo Rollouts canary analysis, where the CRD is served.</summary>
    public static readonly ObjectKind AnalysisTemplate = new("argoproj.io", "v1alpha1", "AnalysisTemplate", "analysistemplates", true, KindOwners.RumSlo, Owned);
    /// <summary>Flagger canary analysis, where the CRD is served.</summary>
    public static readonly ObjectKind MetricTemplate = new("flagger.app", "v1beta1", "MetricTemplate", "metrictemplates", true, KindOwners.RumSlo, Owned);

    // The custom resources: watched (informers) and read; status reports Ready/Progressing/Degraded. Owner references
    // with blockOwnerDeletion need update on finalizers where OwnerReferencesPermissionEnforcement runs.
    public static readonly ObjectKind RumPipeline = new(ApiGroup.Group, ApiGroup.Version, Api.RumPipeline.KindName, "rumpipelines", true, KindOwners.None,
        [.. Verbs("get", "list", "watch"), new("patch", "status"), new("update", "finalizers")]);
    /// <summary>Also the release guard's claim and audit records, written with the resourceVersion (update status).</summary>
    public static readonly ObjectKind RumSlo = new(ApiGroup.Group, ApiGroup.Version, Api.RumSlo.KindName, "rumslos", true, KindOwners.None,
        [.. Verbs("get", "list", "watch"), new("patch", "status"), new("update", "status"), new("update", "finalizers")]);
    public static readonly ObjectKind SamplingPolicy = new(ApiGroup.Group, ApiGroup.Version, Api.SamplingPolicy.KindName, "samplingpolicies", true, KindOwners.None,
        [.. Verbs("get", "list", "watch"), new("patch", "status")]);

    // What the release guard, the webhook and the manager read or write besides.
    /// <summary>Release guard, Deployment target: the previous revision's ReplicaSet holds the pod template to roll back to.</summary>
    public static readonly ObjectKind ReplicaSet = new("apps", "v1", "ReplicaSet", "replicasets", true, KindOwners.None, Verbs("list"));
    /// <summary>Release guard, Argo Rollout target: read it, abort it through its status.</summary>
    public static readonly ObjectKind Rollout = new("argoproj.io", "v1alpha1", "Rollout", "rollouts", true, KindOwners.None, [new("get"), new("patch", "status")]);
    /// <summary>Alertmanager bearer tokens and webhook signing keys, read by name; never listed or watched.</summary>
    public static readonly ObjectKind Secret = new("", "v1", "Secret", "secrets", true, KindOwners.None, Verbs("get"));
    /// <summary>Events on the custom resources and rollback targets.</summary>
    public static readonly ObjectKind Event = new("events.k8s.io", "v1", "Event", "events", true, KindOwners.None, Verbs("create"));
    /// <summary>Leader election: read, create once, renew.</summary>
    public static readonly ObjectKind Lease = new("coordination.k8s.io", "v1", "Lease", "leases", true, KindOwners.None, Verbs("get", "create", "update"));
    /// <summary>The self-issued webhook certificate: keep the chart's webhook configuration's caBundle current.</summary>
    public static readonly ObjectKind ValidatingWebhookConfiguration = new("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false, KindOwners.None, Verbs("get", "patch"));

    public static readonly IReadOnlyList<ObjectKind> All =
    [
        ServiceAccount, ConfigMap, Service, Deployment, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy, ServiceMonitor, PrometheusRule,
        GrafanaDashboard, AnalysisTemplate, MetricTemplate,
        RumPipeline, RumSlo, SamplingPolicy,
        ReplicaSet, Rollout, Secret, Event, Lease, ValidatingWebhookConfiguration,
    ];

    /// <summary>The kinds <paramref name="owner"/> renders, applies and prunes, in apply order.</summary>
    public static IReadOnlyList<ObjectKind> OwnedBy(KindOwners owner) => [.. All.Where(k => (k.OwnedBy & owner) != 0)];

    private static readonly string[] ApplyOrderOfKinds = [.. All.Where(k => k.OwnedBy != KindOwners.None).Select(k => k.Kind)];

    /// <summary>Where objects of <paramref name="kind"/> come in apply order; kinds the operator does not own come last.</summary>
    public static int ApplyOrder(string kind) => Array.IndexOf(ApplyOrderOfKinds, kind) is var i and >= 0 ? i : ApplyOrderOfKinds.Length;

    private static KindPermission[] Verbs(params string[] verbs) => [.. verbs.Select(v => new KindPermission(v))];
}
