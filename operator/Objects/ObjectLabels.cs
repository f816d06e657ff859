using System.Text.Json.Nodes;

namespace RumOperator.Objects;

/// <summary>The labels and owner reference every object the operator creates carries.</summary>
public static class ObjectLabels
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "rum-operator";
    public const string Owner = "rumops.dev/owner";
    public const string FieldManager = "rum-operator";

    /// <summary>Owner label value: Kind.name, e.g. RumPipeline.web (label values cannot hold '/').</summary>
    public static string OwnerValue(string kind, string name)
    {
        var value = $"{kind}.{name}";
        return value.Length <= 63 ? value : value[..63].TrimEnd('-', '.', '_');
    }

    public static JsonObject Standard(string ownerKind, string ownerName, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var labels = new JsonObject
        {
            [ManagedBy] = ManagedByValue,
            [Owner] = OwnerValue(ownerKind, ownerName),
        };
        foreach (var (k, v) in extra ?? []) labels[k] = v;
        return labels;
    }
}

/// <summary>The custom resource that owns rendered objects; null when rendering for GitOps (no uid yet).</summary>
public sealed record Owner(string ApiVersion, string Kind, string Name, string Uid)
{
    public JsonArray ToOwnerReferences() =>
    [
        new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["name"] = Name,
            ["uid"] = Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        },
    ];
}
