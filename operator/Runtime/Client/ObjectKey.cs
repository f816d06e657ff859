namespace RumOperator.Runtime.Client;

/// <summary>Identifies one object of a known kind: the unit the work queue de-duplicates and reconcilers receive.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : $"{Namespace}/{Name}";

    public static ObjectKey Of(System.Text.Json.Nodes.JsonObject obj) => new(ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));
}
