using System.Text.Json.Nodes;
using RumOperator.CollectorConfig;

namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// The pod's volumes and the container's mounts, at the CollectorPaths the collector config
/// points to. Secrets are mounted, never copied into the ConfigMap.
/// </summary>
internal static class CollectorVolumes
{
    /// <summary>0440: owner and fsGroup may read, nobody writes, others see nothing.</summary>
    private const int SecretFileMode = 0b100_100_000;

    /// <param name="SourceType">The volume source field: configMap, secret or emptyDir.</param>
    private sealed record Volume(string Name, string MountPath, string SourceType, JsonObject Source, bool ReadOnly = true);

    public static JsonArray Volumes(PipelineObjectContext context) =>
        new(For(context).Select(v => (JsonNode)new JsonObject
        {
            ["name"] = v.Name,
            [v.SourceType] = v.Source,
        }).ToArray());

    public static JsonArray Mounts(PipelineObjectContext context) =>
        new(For(context).Select(v => (JsonNode)new JsonObject
        {
            ["name"] = v.Name,
            ["mountPath"] = v.MountPath,
            ["readOnly"] = v.ReadOnly,
        }).ToArray());

    private static IEnumerable<Volume> For(PipelineObjectContext context)
    {
        var spec = context.Pipeline.Spec;
        yield return new Volume("config", CollectorPaths.ConfigDirectory, "configMap", new JsonObject
        {
            ["name"] = CollectorNames.ConfigMap(context.Pipeline.Name),
        });
        yield return new Volume("keys", CollectorPaths.KeysDirectory, "secret", Secret(spec.Ingest.KeysSecretRef.Name));
        if (spec.Privacy.UserIdHashSecretRef is { } salt)
        {
            // Only the salt key: whatever else the Secret holds stays out of the pod.
            var source = Secret(salt.Name);
            source["items"] = new JsonArray(new JsonObject
            {
                ["key"] = CollectorPaths.SaltKey,
                ["path"] = CollectorPaths.SaltKey,
            });
            yield return new Volume("salt", CollectorPaths.SaltDirectory, "secret", source);
        }
        // The root filesystem is read-only; the runtime still wants a writable temp directory.
        yield return new Volume("tmp", "/tmp", "emptyDir", new JsonObject(), ReadOnly: false);
    }

    private static JsonObject Secret(string name) => new()
    {
        ["secretName"] = name,
        ["defaultMode"] = SecretFileMode,
    };
}
