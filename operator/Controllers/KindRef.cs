using RumOperator.Api;
using RumOperator.Runtime.Client;

namespace RumOperator.Controllers;

/// <summary>An apiVersion/kind pair the controllers read or write.</summary>
public readonly record struct KindRef(string ApiVersion, string Kind)
{
    public static readonly KindRef RumPipeline = new(ApiGroup.ApiVersion, Api.RumPipeline.KindName);
    public static readonly KindRef RumSlo = new(ApiGroup.ApiVersion, Api.RumSlo.KindName);
    public static readonly KindRef SamplingPolicy = new(ApiGroup.ApiVersion, Api.SamplingPolicy.KindName);

    public static readonly KindRef ServiceAccount = new("v1", "ServiceAccount");
    public static readonly KindRef ConfigMap = new("v1", "ConfigMap");
    public static readonly KindRef Service = new("v1", "Service");
    public static readonly KindRef Deployment = new("apps/v1", "Deployment");
    public static readonly KindRef HorizontalPodAutoscaler = new("autoscaling/v2", "HorizontalPodAutoscaler");
    public static readonly KindRef PodDisruptionBudget = new("policy/v1", "PodDisruptionBudget");
    public static readonly KindRef NetworkPolicy = new("networking.k8s.io/v1", "NetworkPolicy");
    public static readonly KindRef ServiceMonitor = new("monitoring.coreos.com/v1", "ServiceMonitor");
    public static readonly KindRef PrometheusRule = new("monitoring.coreos.com/v1", "PrometheusRule");

    /// <summary>Every kind PipelineRenderer can emit: what a RumPipeline owns, watches and prunes.</summary>
    public static readonly IReadOnlyList<KindRef> PipelineOwned =
        [ServiceAccount, ConfigMap, Service, Deployment, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy, ServiceMonitor];

    public static KindRef Of(System.Text.Json.Nodes.JsonObject obj) => new(ObjectMeta.ApiVersion(obj) ?? "", ObjectMeta.Kind(obj) ?? "");

    public override string ToString() => $"{ApiVersion} {Kind}";
}
