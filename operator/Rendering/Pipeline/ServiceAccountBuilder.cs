using System.Text.Json.Nodes;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>The collector's own identity; it never talks to the API server, so no token is mounted.</summary>
internal static class ServiceAccountBuilder
{
    public static DesiredObject Build(PipelineObjectContext context) =>
        context.Object(OperatorKinds.ServiceAccount, context.CollectorName, new JsonObject
        {
            ["automountServiceAccountToken"] = false,
        });
}
