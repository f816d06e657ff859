using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace RumOperator.Tests.Schemas;

/// <summary>
/// Validates Kubernetes objects strictly against the upstream schemas in ../shared/schemas:
/// the Kubernetes 1.32 standalone-strict JSON schemas, and the Prometheus Operator CRDs made
/// strict. Unknown fields and wrong types are errors. The schema is chosen from apiVersion/kind.
/// </summary>
public static class SchemaValidator
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Built = new();
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> CrdSchemas = new(LoadCrdSchemas);

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>The errors, each "instance location: keyword: message"; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? throw new ArgumentException("object has no apiVersion");
        var kind = obj["kind"]?.GetValue<string>() ?? throw new ArgumentException("object has no kind");
        return Validate(obj, SchemaFor(apiVersion, kind));
    }

    /// <summary>Validates against one served version of a CRD (a custom resource against our own generated CRD, say).</summary>
    public static IReadOnlyList<string> ValidateWithCrd(JsonObject obj, JsonObject crd)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var version = StrictCrdSchema.FromCrd(crd, ObjectMetaSchema()).FirstOrDefault(v => v.ApiVersion == apiVersion)
            ?? throw new ArgumentException($"the CRD serves no version {apiVersion}");
        return Validate(obj, Build($"inline/{version.ApiVersion}/{version.Kind}", version.Schema));
    }

    public static IReadOnlyList<string> Validate(JsonObject obj, JsonSchema schema)
    {
        using var document = JsonDocument.Parse(obj.ToJsonString());
        var result = schema.Evaluate(document.RootElement, Evaluation);
        if (result.IsValid) return [];
        var errors = Failures(result).Distinct().ToList();
        return errors.Count > 0 ? errors : ["invalid (the schema library reported no detail)"];
    }

    /// <summary>
    /// Errors of failing nodes only: a oneOf that passed (int-or-string) has a failed branch
    /// inside it, and reporting that branch would bury the real error.
    /// </summary>
    private static IEnumerable<string> Failures(EvaluationResults node)
    {
        if (node.IsValid) yield break;
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            yield return $"{Location(node)}: {keyword}: {message}";
        foreach (var child in node.Details ?? [])
        foreach (var failure in Failures(child))
            yield return failure;
    }

    /// <summary>The schema for a kind: a Kubernetes file if one exists, else a CRD in crds/.</summary>
    public static JsonSchema SchemaFor(string apiVersion, string kind)
    {
        var file = Path.Combine(SchemaLocator.KubernetesDirectory, KubernetesSchemaFiles.FileName(apiVersion, kind));
        if (File.Exists(file))
            return Built.GetOrAdd(file, f => Build(Path.GetFileName(f), LoadKubernetesSchema(f)));
        var key = $"{apiVersion}/{kind}";
        if (CrdSchemas.Value.TryGetValue(key, out var crdSchema))
            return Built.GetOrAdd(key, k => Build(k, crdSchema));
        throw new ArgumentException($"no schema for {apiVersion} {kind}: neither {file} nor a CRD in {SchemaLocator.CrdDirectory}");
    }

    private static JsonObject LoadKubernetesSchema(string file)
    {
        var schema = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new InvalidDataException($"{file}: not a JSON object");
        // "http://json-schema.org/schema#" names no draft the library knows; the content is plain
        // draft-04-compatible keywords that the 2020-12 dialect evaluates the same way.
        schema.Remove("$schema");
        return schema;
    }

    private static JsonObject ObjectMetaSchema() =>
        (JsonObject)LoadKubernetesSchema(Path.Combine(SchemaLocator.KubernetesDirectory, "configmap-v1.json"))["properties"]!["metadata"]!;

    private static IReadOnlyDictionary<string, JsonObject> LoadCrdSchemas()
    {
        var meta = ObjectMetaSchema();
        return Directory.EnumerateFiles(SchemaLocator.CrdDirectory, "*.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => StrictCrdSchema.Load(f, meta))
            .ToDictionary(v => $"{v.ApiVersion}/{v.Kind}", v => v.Schema);
    }

    // Each schema gets its own registry so building many never collides. The 2020-12 dialect,
    // unlike the library's default, accepts unknown keywords (x-kubernetes-*, nullable; CEL rules
    // are not evaluated), and treats format as an annotation, so int32/int64/byte pass through.
    private static JsonSchema Build(string name, JsonObject schema)
    {
        using var document = JsonDocument.Parse(schema.ToJsonString());
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        return JsonSchema.Build(document.RootElement.Clone(), options, new Uri($"https://schemas.rumops.test/{name}"));
    }

    private static string Location(EvaluationResults result)
    {
        var location = result.InstanceLocation.ToString();
        return string.IsNullOrEmpty(location) ? "/" : location;
    }
}
