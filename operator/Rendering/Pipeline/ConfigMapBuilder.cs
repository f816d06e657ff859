using System.Text.Json.Nodes;
using RumOperator.CollectorConfig;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>The collector config file. It holds paths to mounted Secrets, never their values.</summary>
internal static class ConfigMapBuilder
{
    public static DesiredObject Build(PipelineObjectContext context, CollectorConfigDocument config) =>
        context.Object(OperatorKinds.ConfigMap, CollectorNames.ConfigMap(context.Pipeline.Name), new JsonObject
        {
            ["data"] = new JsonObject { [CollectorPaths.ConfigFileName] = config.Json },
        });
}
