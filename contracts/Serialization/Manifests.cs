using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using RumOperator.Api;
using YamlDotNet.Core;

namespace RumOperator.Serialization;

/// <summary>One document read from a manifest file.</summary>
public sealed record ManifestDocument(string Source, int Line, string ApiVersion, string Kind, string Name, string Namespace, JsonObject Json)
{
    public string Describe => $"{Kind}/{Name}";
}

/// <summary>A problem with a manifest, reported as "file: Kind/name: field: reason".</summary>
public sealed record ManifestError(string Source, string Object, string Field, string Reason)
{
    public override string ToString() =>
        string.Join(": ", new[] { Source, Object, Field, Reason }.Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>Everything read from files: the typed custom resources, Secrets, and the errors.</summary>
public sealed class ManifestSet
{
    public List<(ManifestDocument Doc, RumPipeline Value)> Pipelines { get; } = [];
    public List<(ManifestDocument Doc, RumSlo Value)> Slos { get; } = [];
    public List<(ManifestDocument Doc, SamplingPolicy Value)> Policies { get; } = [];
    public List<(ManifestDocument Doc, V1Secret Value)> Secrets { get; } = [];
    public List<ManifestDocument> Other { get; } = [];
    public List<ManifestError> Errors { get; } = [];
}

/// <summary>Reads the YAML (or JSON) manifests a user would kubectl apply, from a file or a directory tree.</summary>
public static class Manifests
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<string> ListFiles(string path)
    {
        if (File.Exists(path)) return [path];
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path, "*", SearchOption.TopDirectoryOnly)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        throw new FileNotFoundException($"no such file or directory: {path}", path);
    }

    public static ManifestSet Load(IEnumerable<string> paths)
    {
        var set = new ManifestSet();
        foreach (var path in paths)
        {
            IReadOnlyList<string> files;
            try { files = ListFiles(path); }
            catch (FileNotFoundException e) { set.Errors.Add(new ManifestError(path, "", "", e.Message)); continue; }
            foreach (var file in files) LoadText(set, file, File.ReadAllText(file));
        }
        return set;
    }

    public static ManifestSet Load(string path) => Load([path]);

    public static void LoadText(ManifestSet set, string source, string text)
    {
        IReadOnlyList<Yaml.Document> docs;
        try { docs = Yaml.ParseAll(text); }
        catch (YamlException e)
        {
            set.Errors.Add(new ManifestError(source, "", $"line {e.Start.Line}", e.InnerException?.Message ?? e.Message));
            return;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some unterminated flow collections at end of input.
            set.Errors.Add(new ManifestError(source, "", $"line {text.Split('\n').Length}", "unexpected end of YAML: an unclosed { or [ ?"));
            return;
        }
        foreach (var doc in docs)
        {
            if (doc.Node is not JsonObject obj)
            {
                set.Errors.Add(new ManifestError(source, "", $"line {doc.Line}", "a manifest must be a mapping with apiVersion and kind"));
                continue;
            }
            // A List (kubectl get -o yaml) holds its objects in items.
            if (obj["kind"]?.GetValue<string>() == "List" && obj["items"] is JsonArray items)
            {
                foreach (var item in items.OfType<JsonObject>()) Add(set, source, doc.Line, (JsonObject)item.DeepClone());
                continue;
            }
            Add(set, source, doc.Line, obj);
        }
    }

    private static void Add(ManifestSet set, string source, int line, JsonObject obj)
    {
        var apiVersion = Text(obj["apiVersion"]);
        var kind = Text(obj["kind"]);
        var meta = obj["metadata"] as JsonObject;
        var name = Text(meta?["name"]);
        var ns = Text(meta?["namespace"]);
        var doc = new ManifestDocument(source, line, apiVersion, kind, name, string.IsNullOrEmpty(ns) ? "default" : ns, obj);
        var where = string.IsNullOrEmpty(kind) ? $"line {line}" : doc.Describe;
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            set.Errors.Add(new ManifestError(source, where, string.IsNullOrEmpty(apiVersion) ? "apiVersion" : "kind", "is required"));
            return;
        }
        if (string.IsNullOrEmpty(name))
        {
            set.Errors.Add(new ManifestError(source, where, "metadata.name", "is required"));
            return;
        }
        if (apiVersion.StartsWith(ApiGroup.Group + "/", StringComparison.Ordinal) && apiVersion != ApiGroup.ApiVersion)
        {
            set.Errors.Add(new ManifestError(source, where, "apiVersion", $"{apiVersion} is not served; use {ApiGroup.ApiVersion}"));
            return;
        }
        switch (apiVersion, kind)
        {
            case (ApiGroup.ApiVersion, RumPipeline.KindName): Typed(set.Pipelines, set, doc); break;
            case (ApiGroup.ApiVersion, RumSlo.KindName): Typed(set.Slos, set, doc); break;
            case (ApiGroup.ApiVersion, SamplingPolicy.KindName): Typed(set.Policies, set, doc); break;
            case ("v1", "Secret"): TypedSecret(set, doc); break;
            case (ApiGroup.ApiVersion, _):
                set.Errors.Add(new ManifestError(source, where, "kind", $"unknown kind; expected {RumPipeline.KindName}, {RumSlo.KindName} or {SamplingPolicy.KindName}"));
                break;
            default: set.Other.Add(doc); break;
        }
    }

    private static void Typed<T>(List<(ManifestDocument, T)> list, ManifestSet set, ManifestDocument doc) where T : class
    {
        var (value, error) = ResourceJson.Read<T>(doc.Json, Strictness.Strict);
        if (value is not null)
        {
            if (value is k8s.Models.IMetadata<V1ObjectMeta> m) m.Metadata.NamespaceProperty ??= doc.Namespace;
            list.Add((doc, value));
        }
        else set.Errors.Add(new ManifestError(doc.Source, doc.Describe, error!.Field, error.Reason));
    }

    private static void TypedSecret(ManifestSet set, ManifestDocument doc)
    {
        try
        {
            var secret = doc.Json.Deserialize<V1Secret>(RumJson.Lenient)!;
            secret.Metadata.NamespaceProperty ??= doc.Namespace;
            set.Secrets.Add((doc, secret));
        }
        catch (JsonException e)
        {
            set.Errors.Add(new ManifestError(doc.Source, doc.Describe, JsonPathToField(e.Path), "data values must be base64: " + FirstLine(e.Message)));
        }
    }

    /// <summary>$.spec.sli['vital'].threshold → spec.sli.vital.threshold</summary>
    public static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "";
        var p = path.TrimStart('$').TrimStart('.');
        p = System.Text.RegularExpressions.Regex.Replace(p, @"\['([^']+)'\]", ".$1");
        return p.TrimStart('.');
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "";
}
