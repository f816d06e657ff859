using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// What every builder shares for one pipeline: names, labels and the metadata block.
/// Methods return fresh nodes because a JsonNode can have only one parent.
/// </summary>
internal sealed class PipelineObjectContext(RumPipeline pipeline, Owner? owner)
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string InstanceLabel = "app.kubernetes.io/instance";

    public RumPipeline Pipeline { get; } = pipeline;
    public string Namespace => Pipeline.Namespace;
    public string CollectorName => CollectorNames.Collector(Pipeline.Name);

    /// <summary>Identifies the collector pods; a Deployment's selector is immutable, so it stays this small.</summary>
    public JsonObject SelectorLabels() => new()
    {
        [NameLabel] = CollectorNames.AppName,
        [InstanceLabel] = Pipeline.Name,
    };

    /// <summary>The selector labels plus the operator's standard ones, on every object and pod.</summary>
    public JsonObject Labels() => ObjectLabels.Standard(RumPipeline.KindName, Pipeline.Name,
    [
        new(NameLabel, CollectorNames.AppName),
        new(InstanceLabel, Pipeline.Name),
    ]);

    public JsonObject MatchLabelsSelector() => new() { ["matchLabels"] = SelectorLabels() };

    /// <summary>A complete object of <paramref name="kind"/> in the pipeline's namespace, with its labels and owner (see <see cref="DesiredObject.Create"/>).</summary>
    public DesiredObject Object(ObjectKind kind, string name, JsonObject fields) => DesiredObject.Create(kind, Namespace, name, Labels(), owner, fields);
}
