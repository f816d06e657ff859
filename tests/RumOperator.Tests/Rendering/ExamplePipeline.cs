using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Rendering.Pipeline;
using RumOperator.Serialization;
using RumOperator.Tests.Schemas;

namespace RumOperator.Tests.Rendering;

/// <summary>The repository's examples, read with the same loader the CLI uses; fresh objects on every call so tests may change them.</summary>
internal static class ExamplePipeline
{
    public const string Image = "ghcr.io/rumops/collector:test";

    public static readonly PipelineRenderOptions Options = new() { CollectorImage = Image, ServiceMonitorAvailable = true };

    public static readonly Owner Owner = new(ApiGroup.ApiVersion, RumPipeline.KindName, "web", "5f0c1e2a-6b7d-4c8e-9f10-112233445566");

    public static RumPipeline Pipeline() => Single(Load("pipeline.yaml").Pipelines).Value;

    public static SamplingPolicy Policy() => Single(Load("sampling-policy.yaml").Policies).Value;

    public static IReadOnlyList<DesiredObject> Render(RumPipeline? pipeline = null, PipelineRenderOptions? options = null, Owner? owner = null, IEnumerable<SamplingPolicy>? policies = null) =>
        PipelineRenderer.Render(pipeline ?? Pipeline(), policies ?? [Policy()], options ?? Options, owner);

    public static DesiredObject OfKind(this IReadOnlyList<DesiredObject> objects, string kind) => Assert.Single(objects, o => o.Kind == kind);

    private static ManifestSet Load(string file)
    {
        var set = Manifests.Load(Path.Combine(SchemaLocator.RepositoryRoot(), "examples", file));
        Assert.Empty(set.Errors);
        return set;
    }

    private static T Single<T>(List<T> items) => Assert.Single(items);
}
