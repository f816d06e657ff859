using System.Text.Json.Nodes;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>Tells the Prometheus Operator to scrape the collectors through their Service.</summary>
internal static class ServiceMonitorBuilder
{
    public const string MetricsPath = "/metrics";

    public static bool Wanted(PipelineObjectContext context, PipelineRenderOptions options) =>
        options.ServiceMonitorAvailable && context.Pipeline.Spec.Metrics.ServiceMonitor.Enabled;

    public static DesiredObject Build(PipelineObjectContext context) =>
        context.Object(OperatorKinds.ServiceMonitor, context.CollectorName, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["selector"] = context.MatchLabelsSelector(),
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["port"] = CollectorNames.PortName,
                    ["path"] = MetricsPath,
                    ["interval"] = context.Pipeline.Spec.Metrics.ServiceMonitor.Interval,
                }),
            },
        });
}
