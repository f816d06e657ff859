using System.Text.Json.Nodes;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>Scales the collectors on CPU, which tracks beacon volume closely (parsing and redaction dominate).</summary>
internal static class HorizontalPodAutoscalerBuilder
{
    public static DesiredObject Build(PipelineObjectContext context)
    {
        var collector = context.Pipeline.Spec.Collector;
        return context.Object(OperatorKinds.HorizontalPodAutoscaler, context.CollectorName, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["scaleTargetRef"] = new JsonObject
                {
                    ["apiVersion"] = OperatorKinds.Deployment.ApiVersion,
                    ["kind"] = OperatorKinds.Deployment.Kind,
                    ["name"] = context.CollectorName,
                },
                ["minReplicas"] = collector.Replicas.Min,
                ["maxReplicas"] = collector.Replicas.Max,
                ["metrics"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Resource",
                    ["resource"] = new JsonObject
                    {
                        ["name"] = "cpu",
                        ["target"] = new JsonObject
                        {
                            ["type"] = "Utilization",
                            ["averageUtilization"] = collector.Autoscaling.TargetCPUUtilizationPercentage,
                        },
                    },
                }),
            },
        });
    }
}
