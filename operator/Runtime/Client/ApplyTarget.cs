using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Client;

/// <summary>Checks that an object to apply names its type and identity, with errors that name the missing field.</summary>
internal static class ApplyTarget
{
    public static (ResourceType Type, string? Namespace, string Name) Resolve(ResourceMap map, JsonObject desired)
    {
        var apiVersion = ObjectMeta.ApiVersion(desired);
        var kind = ObjectMeta.Kind(desired);
        if (string.IsNullOrEmpty(apiVersion)) throw new ArgumentException("apiVersion: required on an applied object");
        if (string.IsNullOrEmpty(kind)) throw new ArgumentException("kind: required on an applied object");
        var type = map.Resolve(apiVersion, kind);
        var name = ObjectMeta.Name(desired);
        var ns = type.Namespaced ? ObjectMeta.Namespace(desired) : null;
        _ = type.ObjectPath(ns, name); // validates name and namespace
        return (type, ns, name);
    }
}
