using RumOperator.Objects;
using RumOperator.Runtime.Client;

namespace RumOperator.Controllers;

/// <summary>An apiVersion/kind pair the controllers read or write; the kinds themselves are in <see cref="OperatorKinds"/>.</summary>
public readonly record struct KindRef(string ApiVersion, string Kind)
{
    public KindRef(ObjectKind kind) : this(kind.ApiVersion, kind.Kind) { }

    public static readonly KindRef RumPipeline = new(OperatorKinds.RumPipeline);
    public static readonly KindRef RumSlo = new(OperatorKinds.RumSlo);
    public static readonly KindRef SamplingPolicy = new(OperatorKinds.SamplingPolicy);

    public static readonly KindRef ServiceAccount = new(OperatorKinds.ServiceAccount);
    public static readonly KindRef ConfigMap = new(OperatorKinds.ConfigMap);
    public static readonly KindRef Service = new(OperatorKinds.Service);
    public static readonly KindRef Deployment = new(OperatorKinds.Deployment);
    public static readonly KindRef HorizontalPodAutoscaler = new(OperatorKinds.HorizontalPodAutoscaler);
    public static readonly KindRef PodDisruptionBudget = new(OperatorKinds.PodDisruptionBudget);
    public static readonly KindRef NetworkPolicy = new(OperatorKinds.NetworkPolicy);
    public static readonly KindRef ServiceMonitor = new(OperatorKinds.ServiceMonitor);
    public static readonly KindRef PrometheusRule = new(OperatorKinds.PrometheusRule);
    public static readonly KindRef GrafanaDashboard = new(OperatorKinds.GrafanaDashboard);
    public static readonly KindRef AnalysisTemplate = new(OperatorKinds.AnalysisTemplate);
    public static readonly KindRef MetricTemplate = new(OperatorKinds.MetricTemplate);

    /// <summary>Every kind PipelineRenderer and the pipeline's dashboards can emit: what a RumPipeline owns, watches and prunes.</summary>
    public static readonly IReadOnlyList<KindRef> PipelineOwned = [.. OperatorKinds.OwnedBy(KindOwners.RumPipeline).Select(k => new KindRef(k))];

    /// <summary>Every kind a RumSLO renders: its rules, its detail dashboard, its canary analysis templates.</summary>
    public static readonly IReadOnlyList<KindRef> SloOwned = [.. OperatorKinds.OwnedBy(KindOwners.RumSlo).Select(k => new KindRef(k))];

    public static KindRef Of(System.Text.Json.Nodes.JsonObject obj) => new(ObjectMeta.ApiVersion(obj) ?? "", ObjectMeta.Kind(obj) ?? "");

    public override string ToString() => $"{ApiVersion} {Kind}";
}
