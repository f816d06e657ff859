using System.Text.Json.Nodes;
using RumOperator.Serialization;

namespace RumOperator.Tests.Schemas;

/// <summary>
/// Turns a CRD's openAPIV3Schema into a strict JSON Schema, as kubeconform -strict does: objects
/// that list properties but say nothing about others reject unknown fields (the API server would
/// prune them silently, which hides typos). metadata, left open by CRDs, gets the real ObjectMeta schema.
/// </summary>
public static class StrictCrdSchema
{
    /// <summary>One served version of a CRD with its strict schema.</summary>
    public sealed record CrdVersion(string Group, string Version, string Kind, JsonObject Schema)
    {
        public string ApiVersion => $"{Group}/{Version}";
    }

    /// <summary>Every served version of every CRD in the files; YAML or JSON, one or more documents.</summary>
    public static IEnumerable<CrdVersion> Load(string file, JsonObject objectMetaSchema)
    {
        foreach (var doc in Yaml.ParseAll(File.ReadAllText(file)))
            if (doc.Node is JsonObject crd)
                foreach (var version in FromCrd(crd, objectMetaSchema))
                    yield return version;
    }

    public static IEnumerable<CrdVersion> FromCrd(JsonObject crd, JsonObject objectMetaSchema)
    {
        var spec = crd["spec"] as JsonObject ?? throw new ArgumentException("CRD has no spec");
        var group = spec["group"]!.GetValue<string>();
        var kind = spec["names"]!["kind"]!.GetValue<string>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["schema"]?["openAPIV3Schema"] is not JsonObject schema) continue;
            var strict = (JsonObject)schema.DeepClone();
            MakeStrict(strict);
            if (strict["properties"] is JsonObject properties) properties["metadata"] = objectMetaSchema.DeepClone();
            yield return new CrdVersion(group, version["name"]!.GetValue<string>(), kind, strict);
        }
    }

    /// <summary>
    /// OpenAPI v3.0 (what CRDs use) writes exclusive bounds as booleans beside minimum/maximum;
    /// JSON Schema 2020-12 wants the bound itself in exclusiveMinimum/exclusiveMaximum.
    /// </summary>
    private static void ToDraft2020Bounds(JsonObject obj)
    {
        foreach (var (flag, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
        {
            if (obj[flag] is not JsonValue v || v.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)) continue;
            var exclusive = v.GetValue<bool>();
            obj.Remove(flag);
            if (exclusive && obj[bound] is { } limit)
            {
                obj.Remove(bound);
                obj[flag] = limit.DeepClone();
            }
        }
    }

    /// <summary>Applies the strict rule to every nested schema, in place.</summary>
    public static void MakeStrict(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject
                    && !obj.ContainsKey("additionalProperties")
                    && obj["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() != true)
                    obj["additionalProperties"] = false;
                ToDraft2020Bounds(obj);
                foreach (var (_, child) in obj.ToList()) MakeStrict(child);
                break;
            case JsonArray arr:
                foreach (var child in arr) MakeStrict(child);
                break;
        }
    }
}
