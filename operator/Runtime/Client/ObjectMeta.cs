using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Client;

/// <summary>Read and write access to the metadata of an untyped Kubernetes object.</summary>
public static class ObjectMeta
{
    public static string? ApiVersion(JsonObject obj) => Str(obj, "apiVersion");
    public static string? Kind(JsonObject obj) => Str(obj, "kind");
    public static string Name(JsonObject obj) => Str(Metadata(obj), "name") ?? "";
    public static string? Namespace(JsonObject obj) => NullIfEmpty(Str(Metadata(obj), "namespace"));
    public static string? Uid(JsonObject obj) => Str(Metadata(obj), "uid");
    public static string? ResourceVersion(JsonObject obj) => Str(Metadata(obj), "resourceVersion");
    public static long Generation(JsonObject obj) => Metadata(obj)["generation"]?.GetValue<long>() ?? 0;
    public static bool IsBeingDeleted(JsonObject obj) => Metadata(obj)["deletionTimestamp"] is not null;

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        Metadata(obj)["finalizers"] is JsonArray list ? [.. list.Select(f => f!.GetValue<string>())] : [];

    public static IReadOnlyList<JsonObject> OwnerReferences(JsonObject obj) =>
        Metadata(obj)["ownerReferences"] is JsonArray refs ? [.. refs.OfType<JsonObject>()] : [];

    /// <summary>The owner reference with controller=true, the one garbage collection and drift repair follow.</summary>
    public static JsonObject? ControllerOwner(JsonObject obj) =>
        OwnerReferences(obj).FirstOrDefault(r => r["controller"]?.GetValue<bool>() == true);

    /// <summary>The metadata object, created when absent so callers can write to it.</summary>
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata) return metadata;
        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    internal static string? Str(JsonObject obj, string property) =>
        obj[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
