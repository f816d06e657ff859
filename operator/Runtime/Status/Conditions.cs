using System.Globalization;
using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Status;

/// <summary>The condition types every RumOperator resource reports.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
}

/// <summary>One metav1.Condition. Status is "True", "False" or "Unknown"; Reason is CamelCase.</summary>
public sealed record Condition(string Type, string Status, string Reason, string Message, long ObservedGeneration)
{
    public static Condition True(string type, string reason, string message, long generation) => new(type, "True", reason, message, generation);
    public static Condition False(string type, string reason, string message, long generation) => new(type, "False", reason, message, generation);
}

/// <summary>Sets conditions in a status object with apimachinery's meta.SetStatusCondition semantics.</summary>
public static class Conditions
{
    /// <summary>
    /// Adds or updates the condition; lastTransitionTime changes only when Status changes, so an unchanged
    /// reconcile produces an identical status (and no write). Returns whether anything changed.
    /// </summary>
    public static bool Set(JsonObject status, Condition condition, DateTimeOffset now)
    {
        if (status["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            status["conditions"] = conditions;
        }
        var existing = Find(conditions, condition.Type);
        var transitionTime = existing is not null && Str(existing, "status") == condition.Status
            ? existing["lastTransitionTime"]?.DeepClone()
            : now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var updated = new JsonObject
        {
            ["type"] = condition.Type,
            ["status"] = condition.Status,
            ["observedGeneration"] = condition.ObservedGeneration,
            ["lastTransitionTime"] = transitionTime,
            ["reason"] = condition.Reason,
            ["message"] = condition.Message,
        };
        if (existing is not null && JsonNode.DeepEquals(existing, updated)) return false;
        if (existing is null) conditions.Add(updated);
        else conditions[conditions.IndexOf(existing)] = updated;
        return true;
    }

    public static JsonObject? Get(JsonObject? status, string type) =>
        status?["conditions"] is JsonArray conditions ? Find(conditions, type) : null;

    public static bool IsTrue(JsonObject? status, string type) => Get(status, type) is { } c && Str(c, "status") == "True";

    private static JsonObject? Find(JsonArray conditions, string type) =>
        conditions.OfType<JsonObject>().FirstOrDefault(c => Str(c, "type") == type);

    private static string? Str(JsonObject obj, string name) => obj[name]?.GetValue<string>();
}
