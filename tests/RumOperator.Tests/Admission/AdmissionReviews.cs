using System.Text.Json.Nodes;
using RumOperator.Serialization;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Admission;

/// <summary>AdmissionReview v1 requests shaped as the API server sends them, around manifests from examples/.</summary>
public static class AdmissionReviews
{
    private static readonly Dictionary<string, string> Plurals = new()
    {
        ["RumPipeline"] = "rumpipelines",
        ["RumSLO"] = "rumslos",
        ["SamplingPolicy"] = "samplingpolicies",
    };

    /// <summary>The custom resources in an examples/ file (relative to examples/), as JSON.</summary>
    public static IReadOnlyList<JsonObject> Objects(string exampleFile) =>
        Yaml.ParseAll(File.ReadAllText(Path.Combine(Repo.Examples, exampleFile)))
            .Select(d => (JsonObject)d.Node!)
            .Where(o => Plurals.ContainsKey(o["kind"]!.GetValue<string>()))
            .ToList();

    public static JsonObject Object(string exampleFile) => Objects(exampleFile).Single();

    public static JsonObject Request(JsonObject? obj, string operation = "CREATE", JsonObject? oldObject = null, string uid = "705ab4f5-6393-11e8-b7cc-42010a800002")
    {
        var subject = obj ?? oldObject ?? throw new ArgumentException("an object or an old object is required");
        var kind = subject["kind"]!.GetValue<string>();
        var metadata = subject["metadata"]!;
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = "rumops.dev", ["version"] = "v1alpha1", ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = "rumops.dev", ["version"] = "v1alpha1", ["resource"] = Plurals[kind] },
                ["requestKind"] = new JsonObject { ["group"] = "rumops.dev", ["version"] = "v1alpha1", ["kind"] = kind },
                ["requestResource"] = new JsonObject { ["group"] = "rumops.dev", ["version"] = "v1alpha1", ["resource"] = Plurals[kind] },
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone() ?? "default",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "admin", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj?.DeepClone(),
                ["oldObject"] = oldObject?.DeepClone(),
                ["dryRun"] = false,
                ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = operation == "DELETE" ? "DeleteOptions" : operation == "UPDATE" ? "UpdateOptions" : "CreateOptions" },
            },
        };
    }
}
