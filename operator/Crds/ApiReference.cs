using System.Text;
using System.Text.Json.Nodes;

namespace RumOperator.Crds;

/// <summary>
/// The API reference (docs/api.md), written from the generated CRD schemas so that the
/// field list users read is the one the API server enforces.
/// </summary>
public static class ApiReference
{
    public static string Generate()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# API reference: rumops.dev/v1alpha1");
        sb.AppendLine();
        sb.AppendLine("Generated from the C# types (`operator/Crds/ApiReference.cs`); a test fails when it drifts.");
        sb.AppendLine("Durations use Prometheus syntax (`30s`, `5m`, `1h30m`, `28d`).");
        foreach (var def in CrdGenerator.All)
        {
            var crd = CrdGenerator.Generate(def);
            var root = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
            sb.AppendLine();
            sb.AppendLine($"## {def.Kind}");
            sb.AppendLine();
            sb.AppendLine($"{Text(root["description"])} Short names: {string.Join(", ", def.ShortNames)}; category `rum`.");
            foreach (var part in new[] { "spec", "status" })
            {
                sb.AppendLine();
                sb.AppendLine($"### {part}");
                sb.AppendLine();
                sb.AppendLine("| field | type | required | description |");
                sb.AppendLine("|---|---|---|---|");
                Fields(sb, root["properties"]![part]!.AsObject(), part);
            }
        }
        return sb.ToString();
    }

    private static void Fields(StringBuilder sb, JsonObject schema, string path)
    {
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? new JsonObject())
        {
            var field = node!.AsObject();
            var fieldPath = $"{path}.{name}";
            sb.AppendLine($"| `{fieldPath}` | {TypeOf(field)} | {(required.Contains(name) ? "yes" : "")} | {Describe(field)} |");
            var inner = field["type"]?.GetValue<string>() == "array" ? field["items"] as JsonObject : field;
            if (inner?["properties"] is not null) Fields(sb, inner, field["type"]?.GetValue<string>() == "array" ? fieldPath + "[]" : fieldPath);
        }
    }

    private static string TypeOf(JsonObject field)
    {
        var type = field["type"]?.GetValue<string>() ?? "int-or-string";
        return type switch
        {
            "array" => $"[]{TypeOf(field["items"]!.AsObject())}",
            "object" when field["additionalProperties"] is JsonObject v => $"map[string]{TypeOf(v)}",
            _ => type,
        };
    }

    private static string Describe(JsonObject field)
    {
        var parts = new List<string> { Text(field["description"]) };
        if (field["enum"] is JsonArray e) parts.Add("One of: " + string.Join(", ", e.Select(v => $"`{v}`")) + ".");
        if (field["items"]?["enum"] is JsonArray ie) parts.Add("Items one of: " + string.Join(", ", ie.Select(v => $"`{v}`")) + ".");
        if (field["default"] is { } d) parts.Add($"Default `{d.ToJsonString().Trim('"')}`.");
        var min = field["minimum"]; var max = field["maximum"];
        if (min is not null || max is not null)
            parts.Add($"Range {(field["exclusiveMinimum"] is not null ? "(" : "[")}{min?.ToJsonString() ?? "…"}, {max?.ToJsonString() ?? "…"}{(field["exclusiveMaximum"] is not null ? ")" : "]")}.");
        if (field["x-kubernetes-validations"] is JsonArray rules)
            parts.AddRange(rules.Select(r => $"Rule: {Text(r!["message"])}."));
        return string.Join(" ", parts.Where(p => p.Length > 0)).Replace("|", "\\|");
    }

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";
}
