using RumOperator.Api;
using RumOperator.Objects;

namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// Pure: RumPipeline (+ the SamplingPolicies in its namespace) → the Kubernetes objects of its
/// collector fleet, one small builder per kind. The order is stable and safe to apply in:
/// identity and config before the Deployment that mounts them.
/// </summary>
public static class PipelineRenderer
{
    public static IReadOnlyList<DesiredObject> Render(RumPipeline pipeline, IEnumerable<SamplingPolicy> policies, PipelineRenderOptions options, Owner? owner)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(options);
        var context = new PipelineObjectContext(pipeline, owner);
        var image = CollectorContainerBuilder.ImageFor(context, options);
        var config = CollectorConfigDocument.From(pipeline, policies, options.LiveReleases);

        var objects = new List<DesiredObject>
        {
            ServiceAccountBuilder.Build(context),
            ConfigMapBuilder.Build(context, config),
            DeploymentBuilder.Build(context, config, image),
            ServiceBuilder.Build(context),
            HorizontalPodAutoscalerBuilder.Build(context),
            PodDisruptionBudgetBuilder.Build(context),
        };
        if (ServiceMonitorBuilder.Wanted(context, options)) objects.Add(ServiceMonitorBuilder.Build(context));
        if (NetworkPolicyBuilder.Wanted(context)) objects.Add(NetworkPolicyBuilder.Build(context));
        return objects;
    }
}
