using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Client;

/// <summary>The finalizer dance, built on the untyped <see cref="IClusterClient"/>.</summary>
public static class ClusterClientExtensions
{
    /// <summary>Adds the finalizer if absent; conditional on obj's resourceVersion so a concurrent edit yields 409, not a lost update.</summary>
    public static Task<JsonObject> AddFinalizerAsync(this IClusterClient client, JsonObject obj, string finalizer, CancellationToken ct = default)
    {
        var current = ObjectMeta.Finalizers(obj);
        return current.Contains(finalizer)
            ? Task.FromResult(obj)
            : PatchFinalizersAsync(client, obj, [.. current, finalizer], ct);
    }

    public static Task<JsonObject> RemoveFinalizerAsync(this IClusterClient client, JsonObject obj, string finalizer, CancellationToken ct = default)
    {
        var current = ObjectMeta.Finalizers(obj);
        return current.Contains(finalizer)
            ? PatchFinalizersAsync(client, obj, [.. current.Where(f => f != finalizer)], ct)
            : Task.FromResult(obj);
    }

    private static Task<JsonObject> PatchFinalizersAsync(IClusterClient client, JsonObject obj, IEnumerable<string> finalizers, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]),
                ["resourceVersion"] = ObjectMeta.ResourceVersion(obj),
            },
        };
        return client.PatchAsync(ObjectMeta.ApiVersion(obj)!, ObjectMeta.Kind(obj)!, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), patch, ct);
    }
}
