namespace RumOperator.Runtime.Client;

/// <summary>Identifies one object of a known kind: the unit the work queue de-duplicates and reconcilers receive.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : $"{Namespace}/{Name}";

    /// <summary>Parses "ns/name" or "name" (cluster-scoped), the cache-key form client-go uses.</summary>
    public static ObjectKey Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var slash = value.IndexOf('/');
        return slash < 0 ? new ObjectKey(null, value) : new ObjectKey(value[..slash], value[(slash + 1)..]);
    }

    public static ObjectKey Of(System.Text.Json.Nodes.JsonObject obj) => new(ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));
}
