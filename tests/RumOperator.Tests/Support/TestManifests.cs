using RumOperator.Api;
using RumOperator.Serialization;

namespace RumOperator.Tests.Support;

/// <summary>Builds typed resources from YAML text, as a user would write them.</summary>
public static class TestManifests
{
    public static T Parse<T>(string yaml) where T : class
    {
        var set = new ManifestSet();
        Manifests.LoadText(set, "test.yaml", yaml);
        Assert.Empty(set.Errors);
        object? value = typeof(T) == typeof(RumSlo) ? set.Slos.Single().Value
            : typeof(T) == typeof(RumPipeline) ? set.Pipelines.Single().Value
            : typeof(T) == typeof(SamplingPolicy) ? set.Policies.Single().Value
            : null;
        return (T)(value ?? throw new ArgumentException(typeof(T).Name));
    }

    public static RumPipeline ExamplePipeline() =>
        Manifests.Load(Path.Combine(Repo.Examples, "pipeline.yaml")).Pipelines.Single().Value;

    /// <summary>A valid RumSLO with the given spec lines (YAML, indented under spec).</summary>
    public static RumSlo Slo(string specYaml, string name = "test-slo") => Parse<RumSlo>($"""
        apiVersion: rumops.dev/v1alpha1
        kind: RumSLO
        metadata: {"{"} name: {name}, namespace: shop {"}"}
        spec:
        {Indent(specYaml)}
        """);

    private static string Indent(string text) => string.Join("\n", text.Trim('\n').Split('\n').Select(l => "  " + l));

    /// <summary>
    /// One validator rule, tried as a table row: <paramref name="line"/> of the valid SLO spec replaced by
    /// <paramref name="replacement"/> must give an error on <paramref name="field"/> with a real reason.
    /// </summary>
    public static void AssertSloRuleRejects(string validSpec, string line, string replacement, string field)
    {
        Assert.Contains(line, validSpec);
        var errors = RumOperator.Validation.Validators.Validate(Slo(validSpec.Replace(line, replacement)));
        Assert.True(errors.Any(e => e.Field == field && e.Reason.Length > 10), $"expected an error on {field}, got: {string.Join("; ", errors)}");
    }
}
