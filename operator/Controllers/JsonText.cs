using System.Text.Json.Nodes;

namespace RumOperator.Controllers;

/// <summary>Reads a string from untyped JSON without throwing on a wrong type (informer handlers must never throw).</summary>
public static class JsonText
{
    public static string? Of(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
