using RumOperator.Controllers;
using RumOperator.Objects;
using RumOperator.Runtime.Client;

namespace RumOperator.Tests.Objects;

public class OperatorKindsTests
{
    // Moved from the runtime's ResourceTypeTests: the runtime knows built-in kinds only, the operator registers these.
    [Theory]
    [InlineData("rumops.dev/v1alpha1", "SamplingPolicy", "ns", "p", "/apis/rumops.dev/v1alpha1/namespaces/ns/samplingpolicies/p")]
    [InlineData("rumops.dev/v1alpha1", "RumSLO", "ns", "s", "/apis/rumops.dev/v1alpha1/namespaces/ns/rumslos/s")]
    [InlineData("monitoring.coreos.com/v1", "ServiceMonitor", "ns", "m", "/apis/monitoring.coreos.com/v1/namespaces/ns/servicemonitors/m")]
    [InlineData("argoproj.io/v1alpha1", "Rollout", "ns", "r", "/apis/argoproj.io/v1alpha1/namespaces/ns/rollouts/r")]
    public void Object_paths_of_the_operators_kinds_follow_the_api_server_layout(string apiVersion, string kind, string? ns, string name, string expected) =>
        Assert.Equal(expected, OperatorResources.Map.Resolve(apiVersion, kind).ObjectPath(ns, name));

    [Fact]
    public void Every_kind_in_the_table_resolves_as_the_table_says()
    {
        foreach (var kind in OperatorKinds.All)
            Assert.Equal(OperatorResources.ToResourceType(kind), OperatorResources.Map.Resolve(kind.ApiVersion, kind.Kind));
    }

    [Fact]
    public void The_table_names_each_kind_once_and_the_kinds_owned_in_apply_order()
    {
        Assert.Equal(OperatorKinds.All.Count, OperatorKinds.All.Select(k => k.Kind).Distinct().Count());
        Assert.Equal(
            ["ServiceAccount", "ConfigMap", "Service", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "PrometheusRule",
             "GrafanaDashboard", "AnalysisTemplate", "MetricTemplate"],
            OperatorKinds.All.Where(k => k.OwnedBy != KindOwners.None).OrderBy(k => OperatorKinds.ApplyOrder(k.Kind)).Select(k => k.Kind));
        Assert.Equal(OperatorKinds.All.Count(k => k.OwnedBy != KindOwners.None), OperatorKinds.ApplyOrder("Pod"));
    }

    [Fact]
    public void The_controllers_own_what_the_table_says()
    {
        Assert.Equal(OperatorKinds.OwnedBy(KindOwners.RumPipeline).Select(k => new KindRef(k)), KindRef.PipelineOwned);
        Assert.Equal(OperatorKinds.OwnedBy(KindOwners.RumSlo).Select(k => new KindRef(k)), KindRef.SloOwned);
        Assert.DoesNotContain(KindRef.PipelineOwned, k => k == KindRef.PrometheusRule);
        Assert.Contains(KindRef.SloOwned, k => k == KindRef.ConfigMap);
    }
}
