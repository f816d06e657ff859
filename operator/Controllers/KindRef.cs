using RumOperator.Api;
using RumOperator.Rendering.Canary;
using RumOperator.Rendering.Dashboards;
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
    public static readonly KindRef GrafanaDashboard = new(DashboardObjects.GrafanaApiVersion, DashboardObjects.GrafanaKind);
    public static readonly KindRef AnalysisTemplate = new(AnalysisTemplateBuilder.ApiVersion, AnalysisTemplateBuilder.Kind);
    public static readonly KindRef MetricTemplate = new(MetricTemplateBuilder.ApiVersion, MetricTemplateBuilder.Kind);

    /// <summary>Every kind PipelineRenderer can emit: what a RumPipeline owns, watches and prunes.</summary>
    public static readonly IReadOnlyList<KindRef> PipelineOwned =
        [ServiceAccount, ConfigMap, Service, Deployment, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy, ServiceMonitor, GrafanaDashboard];

    /// <summary>Every kind a RumSLO renders: its rules, its detail dashboard, its canary analysis templates.</summary>
    public static readonly IReadOnlyList<KindRef> SloOwned = [PrometheusRule, ConfigMap, GrafanaDashboard, AnalysisTemplate, MetricTemplate];

    public static KindRef Of(System.Text.Json.Nodes.JsonObject obj) => new(ObjectMeta.ApiVersion(obj) ?? "", ObjectMeta.Kind(obj) ?? "");

    public override string ToString() => $"{ApiVersion} {Kind}";
}
