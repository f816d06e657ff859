using System.Text.Json.Nodes;
using RumOperator.Serialization;

namespace RumOperator.Bench;

/// <summary>The bench's objects: copies of the repository's examples, spread over namespaces.</summary>
internal static class Seed
{
    public static IEnumerable<JsonObject> Objects(string examples, int pipelines, int slos, int namespaces)
    {
        // The top-level examples only: examples/invalid holds deliberately broken ones.
        var set = Manifests.Load(Directory.EnumerateFiles(examples, "*.yaml").Order(StringComparer.Ordinal));
        var pipeline = set.Pipelines.Single().Doc.Json;
        var policy = set.Policies.Single().Doc.Json;
        var sloTemplates = set.Slos.Select(s => s.Doc.Json).ToList();
        for (var p = 0; p < pipelines; p++)
        {
            var name = $"p{p:D3}";
            var ns = $"bench-{p % namespaces:D2}";
            yield return Renamed(pipeline, name, ns, o => o["spec"]!["samplingPolicySelector"] = Selector(name));
            yield return Renamed(policy, $"{name}-policy", ns, o => o["metadata"]!["labels"] = Selector(name)["matchLabels"]!.DeepClone());
            for (var s = p; s < slos; s += pipelines)
                yield return Renamed(sloTemplates[s % sloTemplates.Count], $"s{s:D4}", ns, o => o["spec"]!["pipelineRef"] = new JsonObject { ["name"] = name });
        }
    }

    public static string ExamplesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RumOperator.sln"))) return Path.Combine(dir.FullName, "examples");
        throw new DirectoryNotFoundException("RumOperator.sln not found above " + AppContext.BaseDirectory);
    }

    private static JsonObject Selector(string pipeline) => new() { ["matchLabels"] = new JsonObject { ["pipeline"] = pipeline } };

    private static JsonObject Renamed(JsonObject template, string name, string ns, Action<JsonObject> edit)
    {
        var copy = template.DeepClone().AsObject();
        copy["metadata"]!["name"] = name;
        copy["metadata"]!["namespace"] = ns;
        edit(copy);
        return copy;
    }
}
