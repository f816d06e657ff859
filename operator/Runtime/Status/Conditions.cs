using System.Globalization;
using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Status;

/// <summary>
/// Sets metav1.Conditions in a status object with apimachinery's meta.SetStatusCondition semantics. Generic over
/// JSON: the condition types and reasons, and the typed Condition class, belong to whoever owns the resource.
/// </summary>
public static class Conditions
{
    /// <summary>The fields of a metav1.Condition, in the order they are written.</summary>
    private static readonly string[] Fields = ["type", "status", "observedGeneration", "lastTransitionTime", "reason", "message"];

    /// <summary>
    /// Adds or updates <paramref name="condition"/> (type, status, observedGeneration, reason, message; its
    /// lastTransitionTime is ignored). lastTransitionTime changes only when status changes, so an unchanged
    /// reconcile produces an identical status (and no write). Returns whether anything changed.
    /// </summary>
    public static bool Set(JsonObject status, JsonObject condition, DateTimeOffset now)
    {
        if (status["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            status["conditions"] = conditions;
        }
        var existing = Find(conditions, Str(condition, "type"));
        var transitionTime = existing is not null && Str(existing, "status") == Str(condition, "status")
            ? existing["lastTransitionTime"]?.DeepClone()
            : now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var updated = new JsonObject();
        foreach (var field in Fields)
            if (field == "lastTransitionTime") updated[field] = transitionTime;
            else if (condition.TryGetPropertyValue(field, out var value)) updated[field] = value?.DeepClone();
        foreach (var (field, value) in condition.Where(p => !Fields.Contains(p.Key)))
            updated[field] = value?.DeepClone();
        if (existing is not null && JsonNode.DeepEquals(existing, updated)) return false;
        if (existing is null) conditions.Add(updated);
        else conditions[conditions.IndexOf(existing)] = updated;
        return true;
    }

    public static JsonObject? Get(JsonObject? status, string type) =>
        status?["conditions"] is JsonArray conditions ? Find(conditions, type) : null;

    public static bool IsTrue(JsonObject? status, string type) => Get(status, type) is { } c && Str(c, "status") == "True";

    private static JsonObject? Find(JsonArray conditions, string? type) =>
        conditions.OfType<JsonObject>().FirstOrDefault(c => Str(c, "type") == type);

    private static string? Str(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
