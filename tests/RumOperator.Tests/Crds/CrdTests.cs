using System.Text.Json.Nodes;
using RumOperator.Crds;
using RumOperator.Serialization;
using RumOperator.Tests.Schemas;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Crds;

public class CrdTests
{
    [Fact]
    public void Checked_in_crds_equal_the_generator_output()
    {
        foreach (var def in CrdGenerator.All)
        {
            var path = Path.Combine(Repo.Crds, def.FileName);
            Assert.True(File.Exists(path), $"{path} is missing: run dotnet run --project operator -- crds -o crds");
            Assert.True(File.ReadAllText(path) == Yaml.Emit(CrdGenerator.Generate(def)),
                $"{def.FileName} drifted from the C# types: run dotnet run --project operator -- crds -o crds");
        }
        Assert.Equal(CrdGenerator.All.Count, Directory.GetFiles(Repo.Crds, "*.yaml").Length);
    }

    [Fact]
    public void Every_crd_validates_against_the_apiextensions_schema()
    {
        foreach (var crd in CrdGenerator.GenerateAll())
            Assert.Empty(SchemaValidator.Validate(crd));
    }

    [Fact]
    public void Schemas_are_structural()
    {
        // Structural: every node states its type (or is int-or-string), at every depth.
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            var root = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
            foreach (var (path, node) in Walk(root, "openAPIV3Schema"))
                Assert.True(node.ContainsKey("type") || node["x-kubernetes-int-or-string"]?.GetValue<bool>() == true, $"{crd["metadata"]!["name"]}: {path} has no type");
        }
    }

    [Fact]
    public void Rum_slo_crd_carries_the_facts_users_see()
    {
        var crd = CrdGenerator.Generate(CrdGenerator.All.Single(d => d.Kind == "RumSLO"));
        var version = crd["spec"]!["versions"]![0]!;
        Assert.NotNull(version["subresources"]!["status"]);
        Assert.Equal(["Objective", "Window", "SLI", "Budget", "Ready", "Age"], version["additionalPrinterColumns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Contains("rum", crd["spec"]!["names"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        var spec = version["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!;
        var objective = spec["properties"]!["objective"]!;
        Assert.True(objective["exclusiveMinimum"]!.GetValue<bool>() && objective["exclusiveMaximum"]!.GetValue<bool>());
        Assert.Contains("filter(x, x).size() == 1", spec["properties"]!["sli"]!["x-kubernetes-validations"]![0]!["rule"]!.GetValue<string>());
        Assert.Equal(["lcp", "inp", "cls", "fcp", "ttfb"], spec["properties"]!["sli"]!["properties"]!["vital"]!["properties"]!["name"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.NotNull(spec["properties"]!["window"]!["pattern"]);
        Assert.False(string.IsNullOrEmpty(spec["properties"]!["objective"]!["description"]?.GetValue<string>()));
    }

    [Fact]
    public void Examples_validate_against_the_generated_crds_and_bad_ones_do_not()
    {
        var crds = CrdGenerator.All.ToDictionary(d => d.Kind, CrdGenerator.Generate);
        var set = Manifests.Load(Repo.Examples);
        var custom = set.Pipelines.Select(p => p.Doc).Concat(set.Slos.Select(s => s.Doc)).Concat(set.Policies.Select(p => p.Doc)).ToList();
        Assert.True(custom.Count >= 6);
        foreach (var doc in custom)
            Assert.Empty(SchemaValidator.ValidateWithCrd(doc.Json, crds[doc.Kind]));

        var bad = (JsonObject)set.Slos.First().Doc.Json.DeepClone();
        bad["spec"]!["objective"] = 100;
        Assert.NotEmpty(SchemaValidator.ValidateWithCrd(bad, crds["RumSLO"]));
        bad["spec"]!["objective"] = 99;
        bad["spec"]!["window"] = "4 weeks";
        Assert.NotEmpty(SchemaValidator.ValidateWithCrd(bad, crds["RumSLO"]));
    }

    private static IEnumerable<(string Path, JsonObject Node)> Walk(JsonObject node, string path)
    {
        yield return (path, node);
        foreach (var key in new[] { "items", "additionalProperties" })
            if (node[key] is JsonObject child)
                foreach (var x in Walk(child, $"{path}.{key}")) yield return x;
        if (node["properties"] is JsonObject props)
            foreach (var (name, child) in props)
                foreach (var x in Walk(child!.AsObject(), $"{path}.{name}")) yield return x;
    }
}

public class ApiReferenceTests
{
    [Fact]
    public void Docs_api_md_is_generated_from_the_types()
    {
        var path = Path.Combine(Repo.Docs, "api.md");
        var generated = RumOperator.Crds.ApiReference.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == generated, "docs/api.md drifted: run UPDATE_DOCS=1 dotnet test --filter ApiReference");
        Assert.Contains("| `spec.sli.vital.threshold` | string | yes |", generated);
        Assert.Contains("Rule: exactly one of vital, errors, transaction or raw must be set.", generated);
    }
}
