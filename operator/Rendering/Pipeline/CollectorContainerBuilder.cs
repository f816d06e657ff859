using System.Text.Json.Nodes;
using RumOperator.CollectorConfig;

namespace RumOperator.Rendering.Pipeline;

/// <summary>The collector container: image, arguments, port, probes, resources, mounts and security.</summary>
internal static class CollectorContainerBuilder
{
    public static JsonObject Build(PipelineObjectContext context, string image) => new()
    {
        ["name"] = CollectorNames.ContainerName,
        ["image"] = image,
        ["args"] = new JsonArray(
            "--config", $"{CollectorPaths.ConfigDirectory}/{CollectorPaths.ConfigFileName}",
            "--urls", $"http://0.0.0.0:{CollectorPaths.HttpPort}"),
        ["ports"] = new JsonArray(new JsonObject
        {
            ["name"] = CollectorNames.PortName,
            ["containerPort"] = CollectorPaths.HttpPort,
            ["protocol"] = "TCP",
        }),
        // Liveness restarts a wedged process; readiness takes a pod out of the Service while it
        // cannot accept beacons (config not loaded, shutting down).
        ["livenessProbe"] = Probe("/healthz", periodSeconds: 10, failureThreshold: 3),
        ["readinessProbe"] = Probe("/readyz", periodSeconds: 5, failureThreshold: 2),
        ["resources"] = CollectorResources.Build(context.Pipeline.Spec.Collector.Resources),
        ["volumeMounts"] = CollectorVolumes.Mounts(context),
        ["securityContext"] = RestrictedSecurity.Container(),
    };

    /// <summary>The image from the spec, else the operator's default; an empty image is an error, not a broken pod.</summary>
    public static string ImageFor(PipelineObjectContext context, PipelineRenderOptions options)
    {
        var image = context.Pipeline.Spec.Collector.Image;
        if (!string.IsNullOrWhiteSpace(image)) return image;
        if (!string.IsNullOrWhiteSpace(options.CollectorImage)) return options.CollectorImage;
        throw new ArgumentException(
            $"RumPipeline {context.Namespace}/{context.Pipeline.Name}: spec.collector.image is empty and the operator has no --collector-image default",
            nameof(options));
    }

    private static JsonObject Probe(string path, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new JsonObject
        {
            ["path"] = path,
            ["port"] = CollectorNames.PortName,
        },
        ["periodSeconds"] = periodSeconds,
        ["failureThreshold"] = failureThreshold,
    };
}
