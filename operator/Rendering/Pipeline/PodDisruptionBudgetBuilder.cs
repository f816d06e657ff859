using System.Text.Json.Nodes;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// Lets voluntary evictions (node drains, upgrades) take one collector at a time.
/// maxUnavailable rather than minAvailable: it follows whatever count the HPA chose, and with
/// replicas.min = 1 a minAvailable of 1 would block every drain of that node for good.
/// </summary>
internal static class PodDisruptionBudgetBuilder
{
    public static DesiredObject Build(PipelineObjectContext context) =>
        context.Object(OperatorKinds.PodDisruptionBudget, context.CollectorName, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["maxUnavailable"] = 1,
                ["selector"] = context.MatchLabelsSelector(),
            },
        });
}
