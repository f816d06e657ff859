using System.Text.Json.Nodes;

namespace RumOperator.Objects;

/// <summary>
/// One Kubernetes object the operator wants to exist, as the JSON it server-side applies.
/// Rendering is pure: custom resource in, desired objects out.
/// </summary>
public sealed record DesiredObject(string ApiVersion, string Kind, string Namespace, string Name, JsonObject Body)
{
    public string Key => $"{ApiVersion}/{Kind}/{Namespace}/{Name}";

    /// <summary>
    /// A complete object of a kind in <see cref="OperatorKinds"/>: apiVersion, kind, metadata (name, namespace, labels,
    /// annotations, the owner reference), then the kind's own top-level fields, which are moved out of
    /// <paramref name="fields"/> (a node has one parent) so callers pass a fresh object.
    /// </summary>
    public static DesiredObject Create(ObjectKind kind, string ns, string name, JsonObject labels, Owner? owner, JsonObject fields, JsonObject? annotations = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels };
        if (annotations is not null) metadata["annotations"] = annotations;
        if (owner is not null) metadata["ownerReferences"] = owner.ToOwnerReferences();
        var body = new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = metadata };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            body[key] = value;
        }
        return new DesiredObject(kind.ApiVersion, kind.Kind, ns, name, body);
    }
}
