using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.Tests.Client;

public class ResourceTypeTests
{
    [Theory]
    [InlineData("v1", "ConfigMap", "ns", "cfg", "/api/v1/namespaces/ns/configmaps/cfg")]
    [InlineData("apps/v1", "Deployment", "ns", "d", "/apis/apps/v1/namespaces/ns/deployments/d")]
    [InlineData("autoscaling/v2", "HorizontalPodAutoscaler", "ns", "h", "/apis/autoscaling/v2/namespaces/ns/horizontalpodautoscalers/h")]
    [InlineData("v1", "Namespace", null, "team-a", "/api/v1/namespaces/team-a")]
    public void Object_paths_follow_the_api_server_layout(string apiVersion, string kind, string? ns, string name, string expected) =>
        Assert.Equal(expected, ResourceMap.Default.Resolve(apiVersion, kind).ObjectPath(ns, name));

    [Theory]
    [InlineData("rumops.dev/v1alpha1", "RumPipeline")]
    [InlineData("monitoring.coreos.com/v1", "ServiceMonitor")]
    [InlineData("argoproj.io/v1alpha1", "Rollout")]
    public void The_default_map_knows_only_built_in_kinds(string apiVersion, string kind) =>
        Assert.False(ResourceMap.Default.Contains(apiVersion, kind));

    [Fact]
    public void A_null_namespace_lists_across_all_namespaces() =>
        Assert.Equal("/apis/apps/v1/deployments", ResourceMap.Default.Resolve("apps/v1", "Deployment").CollectionPath(null));

    [Fact]
    public void Namespaced_kinds_require_a_namespace()
    {
        var e = Assert.Throws<ArgumentException>(() => ResourceMap.Default.Resolve("v1", "Service").ObjectPath(null, "svc"));
        Assert.Contains("metadata.namespace", e.Message);
    }

    [Fact]
    public void Unknown_kinds_are_rejected_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => ResourceMap.Default.Resolve("batch/v1", "CronJob"));
        Assert.Contains("batch/v1 CronJob", e.Message);
    }
}
