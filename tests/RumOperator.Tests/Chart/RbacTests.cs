using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Api;
using RumOperator.Controllers;
using RumOperator.Objects;
using RumOperator.Runtime.InMemory;
using RumOperator.Tests.Admission;
using RumOperator.Web.Admission;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Tests.Chart;

public class RbacTests
{
    private const string Ns = "shop";
    private const string ServiceAccount = HelmChart.Release;

    private static RbacPolicy Policy(IReadOnlyList<JsonObject> objects) => RbacPolicy.For(objects, ServiceAccount, HelmChart.Namespace);

    /// <summary>Permissions checked by the API server without a call of their own, each for a stated reason.</summary>
    private static bool CheckedWithoutACall(ApiRequest permission) =>
        // OwnerReferencesPermissionEnforcement: setting blockOwnerDeletion on an owned object needs update on the owner's finalizers.
        permission is { Group: "rumops.dev", Subresource: "finalizers", Verb: "update" };

    [Fact]
    public void Cluster_wide_the_chart_allows_every_call_the_operator_makes_and_nothing_more()
    {
        var objects = HelmChart.Template();
        var policy = Policy(objects);
        var calls = OperatorApiCalls.Requests(OperatorApiCalls.Lines([], Ns, HelmChart.Namespace, WebhookConfiguration(objects)));

        Assert.Empty(policy.Denied(calls));
        Assert.Empty(policy.Unused(calls, CheckedWithoutACall));
    }

    [Fact]
    public void With_watched_namespaces_every_call_is_allowed_there_and_only_there()
    {
        var objects = HelmChart.Template("watchNamespaces: [shop, web]");
        var policy = Policy(objects);
        var calls = OperatorApiCalls.Requests(OperatorApiCalls.Lines(["shop", "web"], Ns, HelmChart.Namespace, WebhookConfiguration(objects)));

        Assert.Empty(policy.Denied(calls));
        Assert.Empty(policy.Unused(calls, CheckedWithoutACall));
        Assert.DoesNotContain(objects, o => o["kind"]!.GetValue<string>() == "ClusterRole" && o["rules"]!.AsArray().Any(r => r!["apiGroups"]![0]!.GetValue<string>() == "rumops.dev"));
        Assert.False(policy.Allows("list", "rumops.dev", "rumslos", null, null));
        Assert.False(policy.Allows("get", "", "secrets", null, "kube-system", "admin-token"));
        Assert.False(policy.Allows("patch", "apps", "deployments", null, "payments", "api"));
        Assert.True(policy.Allows("patch", "apps", "deployments", null, "web", "api"));
    }

    [Fact]
    public void With_cert_manager_the_operator_cannot_touch_webhook_configurations()
    {
        var objects = HelmChart.Template("certManager: { enabled: true }");
        var policy = Policy(objects);
        var calls = OperatorApiCalls.Requests(OperatorApiCalls.Lines([], Ns, HelmChart.Namespace, webhookConfiguration: null));

        Assert.Empty(policy.Denied(calls));
        Assert.Empty(policy.Unused(calls, CheckedWithoutACall));
        Assert.False(policy.Allows("patch", "admissionregistration.k8s.io", "validatingwebhookconfigurations", null, null, HelmChart.Release));
    }

    [Fact]
    public void Sensitive_permissions_are_narrow()
    {
        var policy = Policy(HelmChart.Template());

        Assert.True(policy.Allows("get", "", "secrets", null, Ns, "alertmanager-token"));
        foreach (var verb in new[] { "list", "watch", "create", "update", "patch", "delete" })
            Assert.False(policy.Allows(verb, "", "secrets", null, Ns, "alertmanager-token"), $"secrets {verb}");
        Assert.False(policy.Allows("patch", "admissionregistration.k8s.io", "validatingwebhookconfigurations", null, null, "someone-elses-webhook"));
        Assert.False(policy.Allows("list", "admissionregistration.k8s.io", "validatingwebhookconfigurations", null, null));
        Assert.False(policy.Allows("update", "coordination.k8s.io", "leases", null, HelmChart.Namespace, "kube-scheduler"));
        Assert.False(policy.Allows("create", "coordination.k8s.io", "leases", null, "kube-system"));
        Assert.False(policy.Allows("update", "rumops.dev", "rumslos", null, Ns, "checkout"));
        Assert.False(policy.Allows("patch", "rumops.dev", "rumslos", null, Ns, "checkout"));
        Assert.False(policy.Allows("create", "", "pods", null, Ns));
        Assert.False(policy.Allows("update", "argoproj.io", "rollouts", null, Ns, "storefront"));
    }

    [Theory]
    [MemberData(nameof(ChartRenderTests.Scenarios), MemberType = typeof(ChartRenderTests))]
    public void No_rule_uses_a_wildcard_or_a_built_in_role(string scenario, string values)
    {
        var objects = HelmChart.Template(values);
        foreach (var role in objects.Where(o => o["kind"]!.GetValue<string>() is "Role" or "ClusterRole"))
        foreach (var rule in role["rules"]!.AsArray())
        foreach (var field in new[] { "apiGroups", "resources", "verbs", "resourceNames" })
        foreach (var value in rule![field]?.AsArray().Select(v => v!.GetValue<string>()) ?? [])
            Assert.False(value.Contains('*'), $"{scenario}: {role["kind"]} {role["metadata"]!["name"]} {field} has {value}");
        foreach (var binding in objects.Where(o => o["kind"]!.GetValue<string>() is "ClusterRoleBinding" or "RoleBinding"))
            Assert.True(objects.Any(o => o["kind"]!.ToString() == binding["roleRef"]!["kind"]!.ToString() && o["metadata"]!["name"]!.ToString() == binding["roleRef"]!["name"]!.ToString()),
                $"{scenario}: {binding["kind"]} {binding["metadata"]!["name"]} binds a role the chart does not define ({binding["roleRef"]!["name"]})");
    }

    [Fact]
    public async Task The_webhooks_own_recorded_calls_are_allowed()
    {
        // Real operator code against the in-memory cluster: the caBundle publisher and the RumSLO's pipeline lookup.
        var objects = HelmChart.Template();
        var cluster = new InMemoryCluster(resources: OperatorResources.Map);
        cluster.Put(objects.Single("ValidatingWebhookConfiguration"));
        cluster.Put(AdmissionReviews.Object("pipeline.yaml"));
        var options = new AdmissionWebhookOptions { WebhookConfigurationName = WebhookConfiguration(objects)! };
        var publisher = new WebhookCaBundlePublisher(cluster, options, NullLogger<WebhookCaBundlePublisher>.Instance);
        var authority = SelfSignedIssuer.Issue(options.DnsNames, DateTimeOffset.UtcNow, TimeSpan.FromDays(1)).Authority;

        Assert.True(await publisher.PublishAsync(authority, DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.NotNull(await new ClusterPipelineSource(cluster).GetAsync("shop", "web", CancellationToken.None));

        var requests = cluster.Calls.SelectMany(ApiRequest.FromRecordedCall).ToList();
        Assert.Equal(["get admissionregistration.k8s.io/validatingwebhookconfigurations", "patch admissionregistration.k8s.io/validatingwebhookconfigurations", "get rumops.dev/rumpipelines"],
            requests.Select(r => $"{r.Verb} {r.GroupResource}"));
        Assert.Empty(Policy(objects).Denied(requests));
    }

    [Fact]
    public void The_chart_grants_every_kind_in_the_operators_table_its_permissions()
    {
        var objects = HelmChart.Template();
        var policy = Policy(objects);
        var webhookConfiguration = WebhookConfiguration(objects);
        foreach (var kind in OperatorKinds.All)
        foreach (var permission in kind.Permissions)
        {
            // The Lease lives in the release namespace, the reconciled objects in the workload's; RBAC knows no name on create.
            var ns = !kind.Namespaced ? null : kind == OperatorKinds.Lease ? HelmChart.Namespace : Ns;
            var name = permission.Verb == "create" ? null
                : kind == OperatorKinds.Lease ? OperatorApiCalls.LeaseName
                : kind == OperatorKinds.ValidatingWebhookConfiguration ? webhookConfiguration
                : "web";
            Assert.True(policy.Allows(permission.Verb, kind.Group, kind.Plural, permission.Subresource, ns, name), $"{kind}: {permission} is not granted");
        }
    }

    [Theory]
    [MemberData(nameof(ChartRenderTests.Scenarios), MemberType = typeof(ChartRenderTests))]
    public void The_chart_grants_nothing_the_operators_table_does_not_list(string scenario, string values)
    {
        var granted = Policy(HelmChart.Template(values)).Grants.SelectMany(g => g.Atoms())
            .Select(a => (a.Group, a.Resource, Permission: new KindPermission(a.Verb, a.Subresource))).Distinct();
        foreach (var (group, resource, permission) in granted)
            Assert.True(OperatorKinds.All.Any(k => k.Group == group && k.Plural == resource && k.Permissions.Contains(permission)),
                $"{scenario}: the chart grants {permission} on {group}/{resource}, which OperatorKinds does not list");
    }

    // The checker itself, on hand-made rules.

    private static readonly RbacPolicy Sample = new(
    [
        new("ClusterRole a", null, ["apps"], ["deployments"], ["get", "patch"], []),
        new("ClusterRole a", null, ["rumops.dev"], ["rumslos/status"], ["patch"], []),
        new("Role b", "shop", [""], ["configmaps"], ["list"], []),
        new("ClusterRole c", null, ["admissionregistration.k8s.io"], ["validatingwebhookconfigurations"], ["patch"], ["mine"]),
    ]);

    [Theory]
    [InlineData("PATCH /apis/apps/v1/namespaces/x/deployments/d", true)]
    [InlineData("GET /apis/apps/v1/namespaces/x/deployments", false)]
    [InlineData("APPLY /apis/apps/v1/namespaces/x/deployments/d", false)]
    [InlineData("PATCH /apis/rumops.dev/v1alpha1/namespaces/x/rumslos/s/status", true)]
    [InlineData("PATCH /apis/rumops.dev/v1alpha1/namespaces/x/rumslos/s", false)]
    [InlineData("GET /api/v1/namespaces/shop/configmaps", true)]
    [InlineData("GET /api/v1/namespaces/shop/configmaps?watch=true", false)]
    [InlineData("GET /api/v1/namespaces/web/configmaps", false)]
    [InlineData("GET /api/v1/configmaps", false)]
    [InlineData("PATCH /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/mine", true)]
    [InlineData("PATCH /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/theirs", false)]
    [InlineData("GET /apis/apps/v1", true)]
    public void The_checker_reads_rules_as_the_rbac_authorizer_does(string call, bool allowed)
    {
        var requests = OperatorApiCalls.Parse(call);
        Assert.Equal(allowed, requests.All(Sample.Allows));
    }

    [Theory]
    [InlineData("GET /api/v1/namespaces/shop/secrets/k", "get  secrets  shop k")]
    [InlineData("GET /api/v1/secrets", "list  secrets  (cluster) ")]
    [InlineData("GET /apis/apps/v1/namespaces/shop/deployments?watch=true&resourceVersion=5", "watch apps deployments  shop ")]
    [InlineData("APPLY /apis/apps/v1/namespaces/shop/deployments/d", "patch apps deployments  shop d|create apps deployments  shop d")]
    [InlineData("PUT /apis/rumops.dev/v1alpha1/namespaces/shop/rumslos/s/status", "update rumops.dev rumslos status shop s")]
    [InlineData("POST /apis/coordination.k8s.io/v1/namespaces/rum-system/leases", "create coordination.k8s.io leases  rum-system ")]
    [InlineData("DELETE /api/v1/namespaces/shop/configmaps", "deletecollection  configmaps  shop ")]
    [InlineData("GET /apis/monitoring.coreos.com/v1", "")]
    public void Http_requests_become_rbac_verbs(string call, string expected)
    {
        var described = OperatorApiCalls.Parse(call).Select(r => $"{r.Verb} {r.Group} {r.Resource} {r.Subresource} {r.Namespace ?? "(cluster)"} {r.Name}");
        Assert.Equal(expected, string.Join("|", described));
    }

    [Fact]
    public void Unused_names_each_permission_no_call_needed()
    {
        var calls = OperatorApiCalls.Requests(["PATCH /apis/apps/v1/namespaces/x/deployments/d", "PATCH /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/mine"]);

        var unused = Sample.Unused(calls).Select(r => r.ToString()).ToList();

        Assert.Equal(["get apps/deployments in (cluster)", "patch rumops.dev/rumslos/status in (cluster)", "list configmaps in shop"], unused);
    }

    [Fact]
    public void Bindings_decide_where_rules_apply()
    {
        var objects = new[]
        {
            Role("ClusterRole", null, "reader", """{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}"""),
            Binding("RoleBinding", "shop", "ClusterRole", "reader", ServiceAccount),
            Binding("ClusterRoleBinding", null, "ClusterRole", "reader", "someone-else"),
        };
        var policy = RbacPolicy.For(objects, ServiceAccount, HelmChart.Namespace);

        Assert.True(policy.Allows("get", "", "configmaps", null, "shop", "c"));
        Assert.False(policy.Allows("get", "", "configmaps", null, "web", "c"));
    }

    private static string? WebhookConfiguration(IReadOnlyList<JsonObject> objects) =>
        objects.OfKind("ValidatingWebhookConfiguration").SingleOrDefault()?["metadata"]!["name"]!.GetValue<string>();

    private static JsonObject Role(string kind, string? ns, string name, string rule) => JsonNode.Parse($$"""
        {"kind": "{{kind}}", "metadata": {"name": "{{name}}"{{(ns is null ? "" : $", \"namespace\": \"{ns}\"")}}}, "rules": [{{rule}}]}
        """)!.AsObject();

    private static JsonObject Binding(string kind, string? ns, string roleKind, string role, string serviceAccount) => JsonNode.Parse($$"""
        {"kind": "{{kind}}", "metadata": {"name": "b"{{(ns is null ? "" : $", \"namespace\": \"{ns}\"")}}},
         "roleRef": {"kind": "{{roleKind}}", "name": "{{role}}"},
         "subjects": [{"kind": "ServiceAccount", "name": "{{serviceAccount}}", "namespace": "{{HelmChart.Namespace}}"}]}
        """)!.AsObject();
}
