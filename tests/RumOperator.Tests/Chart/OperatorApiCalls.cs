using RumOperator.Api;
using RumOperator.Objects;

namespace RumOperator.Tests.Chart;

/// <summary>
/// The API calls the operator makes today, written as a fake API server logs them ("METHOD path?query"; APPLY is a
/// PATCH with application/apply-patch+yaml). Each line names the code that makes it. The RBAC tests check that the
/// chart allows every call and grants nothing no call uses; a recorded run of the controllers can replace this list
/// (feed ApiRequest.FromHttp or ApiRequest.FromRecordedCall into RbacPolicy).
/// </summary>
public static class OperatorApiCalls
{
    public const string LeaseName = "rum-operator";

    /// <summary>The custom resources (<see cref="OperatorKinds"/>): watched, read, their status written.</summary>
    private static readonly string[] CustomResources = [.. OperatorKinds.All.Where(k => k.Group == ApiGroup.Group).Select(k => k.Plural)];

    /// <summary>Objects the reconcilers own (<see cref="OperatorKinds"/>): (group-version path, plural). RumPipeline → collector fleet and dashboards; RumSLO → PrometheusRule, dashboard, analysis templates.</summary>
    private static readonly (string GroupVersion, string Plural)[] Owned =
        [.. OperatorKinds.All.Where(k => k.OwnedBy != KindOwners.None).Select(k => (k.Group.Length == 0 ? $"api/{k.Version}" : $"apis/{k.ApiVersion}", k.Plural))];

    /// <param name="watchNamespaces">Empty: the informers list and watch across all namespaces.</param>
    /// <param name="clusterWideNamespace">Where the reconciled objects live when cluster-wide; with watchNamespaces, in each of them.</param>
    public static IReadOnlyList<string> Lines(IReadOnlyList<string> watchNamespaces, string clusterWideNamespace, string releaseNamespace, string? webhookConfiguration)
    {
        var lines = new List<string>();
        var objectNamespaces = watchNamespaces.Count == 0 ? [clusterWideNamespace] : watchNamespaces;
        var scopes = watchNamespaces.Count == 0 ? [""] : watchNamespaces.Select(n => $"/namespaces/{n}").ToList();
        IEnumerable<string> ListAndWatch(string groupVersion, string plural) =>
            scopes.SelectMany(scope => new[] { $"GET /{groupVersion}{scope}/{plural}", $"GET /{groupVersion}{scope}/{plural}?watch=true" });

        // Runtime/Informers: one informer per reconciled and owned kind.
        foreach (var plural in CustomResources) lines.AddRange(ListAndWatch("apis/rumops.dev/v1alpha1", plural));
        foreach (var (gv, plural) in Owned) lines.AddRange(ListAndWatch(gv, plural));

        foreach (var ns in objectNamespaces)
        {
            // Controllers: read the resource (cache miss), write status (StatusWriter → PatchStatusAsync).
            foreach (var plural in CustomResources)
            {
                lines.Add($"GET /apis/rumops.dev/v1alpha1/namespaces/{ns}/{plural}/web");
                lines.Add($"PATCH /apis/rumops.dev/v1alpha1/namespaces/{ns}/{plural}/web/status");
            }
            // Controllers/OwnedObjectSync: read, server-side apply, list by owner label and prune.
            foreach (var (gv, plural) in Owned)
            {
                lines.Add($"GET /{gv}/namespaces/{ns}/{plural}/web-collector");
                lines.Add($"APPLY /{gv}/namespaces/{ns}/{plural}/web-collector");
                lines.Add($"GET /{gv}/namespaces/{ns}/{plural}?labelSelector=app.kubernetes.io%2Fmanaged-by%3Drum-operator");
                lines.Add($"DELETE /{gv}/namespaces/{ns}/{plural}/old-collector");
            }
            // Controllers/CrdDiscovery: is the ServiceMonitor CRD installed (discovery, not RBAC-gated).
            lines.Add("GET /apis/monitoring.coreos.com/v1");
            // StatusWriter, RollbackAudit: Events on transitions and rollbacks.
            lines.Add($"POST /apis/events.k8s.io/v1/namespaces/{ns}/events");
            // ReleaseGuard/RollbackAudit and BurnRatePoller: claim, records and lastKnownGoodRelease, conditional on resourceVersion.
            lines.Add($"PUT /apis/rumops.dev/v1alpha1/namespaces/{ns}/rumslos/web/status");
            // ReleaseGuard: AlertTokenSource, WebhookNotifier and GitRevert (credentials) read Secrets by name.
            lines.Add($"GET /api/v1/namespaces/{ns}/secrets/alertmanager-token");
            // ReleaseGuard/DeploymentUndo: the target, its ReplicaSets by selector, the rollback patch (GitRevert reads the same, for the previous release).
            lines.Add($"GET /apis/apps/v1/namespaces/{ns}/deployments/storefront");
            lines.Add($"GET /apis/apps/v1/namespaces/{ns}/replicasets?labelSelector=app%3Dstorefront");
            lines.Add($"PATCH /apis/apps/v1/namespaces/{ns}/deployments/storefront");
            // ReleaseGuard/RolloutAbort: read the Rollout, abort through its status.
            lines.Add($"GET /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts/storefront");
            lines.Add($"PATCH /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts/storefront/status");
        }
        // Runtime/Hosting/LeaderElection (KubernetesClient LeaseLock): read, create once, renew.
        lines.Add($"GET /apis/coordination.k8s.io/v1/namespaces/{releaseNamespace}/leases/{LeaseName}");
        lines.Add($"POST /apis/coordination.k8s.io/v1/namespaces/{releaseNamespace}/leases");
        lines.Add($"PUT /apis/coordination.k8s.io/v1/namespaces/{releaseNamespace}/leases/{LeaseName}");
        // Web/Admission/Certificates/WebhookCaBundlePublisher: self-issued certificate only.
        if (webhookConfiguration is not null)
        {
            lines.Add($"GET /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/{webhookConfiguration}");
            lines.Add($"PATCH /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/{webhookConfiguration}");
        }
        return lines;
    }

    public static IReadOnlyList<ApiRequest> Requests(IEnumerable<string> lines) => [.. lines.SelectMany(Parse)];

    /// <summary>"METHOD path?query" → the RBAC requests it needs.</summary>
    public static IReadOnlyList<ApiRequest> Parse(string line)
    {
        var (method, target) = (line[..line.IndexOf(' ')], line[(line.IndexOf(' ') + 1)..]);
        var query = target.Contains('?') ? target[(target.IndexOf('?') + 1)..] : "";
        var path = target.Split('?')[0];
        return method == "APPLY"
            ? ApiRequest.FromHttp("PATCH", path, query, "application/apply-patch+yaml")
            : ApiRequest.FromHttp(method, path, query);
    }
}
