using System.Text.Json.Nodes;

namespace RumOperator.Runtime.ObjectRules;

/// <summary>
/// Server-side apply, simplified for one field manager: fields the manager applied last time but no longer
/// sends are removed, everything it sends is set, fields others own are kept. Lists are atomic (replaced whole).
/// </summary>
public static class ServerSideApply
{
    private static readonly string[] ServerOwnedMetadata =
        ["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "managedFields"];

    /// <summary>The object after applying <paramref name="desired"/>; inputs are not modified.</summary>
    public static JsonObject Merge(JsonObject? live, JsonObject? previouslyApplied, JsonObject desired)
    {
        var applied = ApplicableFields(desired);
        var result = live is null ? new JsonObject() : (JsonObject)live.DeepClone();
        if (previouslyApplied is not null) RemoveDropped(result, previouslyApplied, applied);
        MergeInto(result, applied);
        return result;
    }

    /// <summary>What an apply may set: never status (a subresource) nor server-owned metadata.</summary>
    public static JsonObject ApplicableFields(JsonObject desired)
    {
        var applied = (JsonObject)desired.DeepClone();
        applied.Remove("status");
        if (applied["metadata"] is JsonObject metadata)
            foreach (var field in ServerOwnedMetadata) metadata.Remove(field);
        return applied;
    }

    private static void RemoveDropped(JsonObject target, JsonObject previous, JsonObject desired)
    {
        foreach (var (name, previousValue) in previous)
        {
            if (!desired.ContainsKey(name)) target.Remove(name);
            else if (previousValue is JsonObject p && desired[name] is JsonObject d && target[name] is JsonObject t)
                RemoveDropped(t, p, d);
        }
    }

    private static void MergeInto(JsonObject target, JsonObject desired)
    {
        foreach (var (name, value) in desired)
        {
            if (value is JsonObject d && target[name] is JsonObject t) MergeInto(t, d);
            else target[name] = value?.DeepClone();
        }
    }
}
