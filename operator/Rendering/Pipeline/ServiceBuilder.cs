using System.Text.Json.Nodes;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>The ingest and scrape address, <c>&lt;pipeline&gt;-collector</c>: Prometheus' job label and the SLO rules depend on this name.</summary>
internal static class ServiceBuilder
{
    public static DesiredObject Build(PipelineObjectContext context) =>
        context.Object(OperatorKinds.Service, context.CollectorName, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["selector"] = context.SelectorLabels(),
                ["ports"] = new JsonArray(new JsonObject
                {
                    ["name"] = CollectorNames.PortName,
                    ["port"] = CollectorNames.ServicePort,
                    ["targetPort"] = CollectorNames.PortName,
                    ["protocol"] = "TCP",
                }),
            },
        });
}
