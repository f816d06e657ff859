using System.Text.Json.Nodes;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// Pure: the RFC 7386 merge patch that turns <c>from</c> into <c>to</c>. A merge patch alone only adds and
/// overwrites; replacing a pod template also needs nulls for the keys the old template does not have.
/// </summary>
public static class MergePatchDiff
{
    public static JsonObject Create(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (key, _) in from)
            if (!to.ContainsKey(key)) patch[key] = null;
        foreach (var (key, value) in to)
        {
            var before = from[key];
            if (before is JsonObject b && value is JsonObject a)
            {
                var nested = Create(b, a);
                if (nested.Count > 0) patch[key] = nested;
            }
            else if (!from.ContainsKey(key) || !JsonNode.DeepEquals(before, value))
                patch[key] = value?.DeepClone();
        }
        return patch;
    }
}
