using System.Text.Json;
using System.Text.Json.Nodes;

namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// JSON text whose bytes depend only on the content: object keys sorted ordinally at every level.
/// Maps in the spec keep the order the user wrote them in, and reordering a YAML map must not
/// change the config hash and roll every collector pod.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(JsonNode? node) => Sorted(node)?.ToJsonString(Indented) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray arr => new JsonArray(arr.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
