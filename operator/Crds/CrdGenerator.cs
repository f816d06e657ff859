using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using RumOperator.Api;

namespace RumOperator.Crds;

/// <summary>One printer column of kubectl get.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description, int Priority = 0);

/// <summary>What names a CRD and how kubectl shows it; the schema itself comes from the C# types.</summary>
public sealed record CrdDefinition(Type ResourceType, Type SpecType, Type StatusType, string Kind, string Plural, string Singular, string[] ShortNames, PrinterColumn[] Columns)
{
    public string Name => $"{Plural}.{ApiGroup.Group}";
    public string FileName => $"{ApiGroup.Group}_{Plural}.yaml";
}

public static class CrdGenerator
{
    private static readonly PrinterColumn Ready = new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the last reconcile succeeded");
    private static readonly PrinterColumn Age = new("Age", "date", ".metadata.creationTimestamp", "Time since creation");

    public static readonly IReadOnlyList<CrdDefinition> All =
    [
        new(typeof(RumPipeline), typeof(RumPipelineSpec), typeof(RumPipelineStatus), RumPipeline.KindName, "rumpipelines", "rumpipeline", ["rump"],
        [
            new("Replicas", "integer", ".status.replicas", "Collector replicas"),
            new("Ready-Replicas", "integer", ".status.readyReplicas", "Collector replicas ready"),
            new("Endpoint", "string", ".status.ingestEndpoint", "In-cluster ingest URL", 1),
            new("Config", "string", ".status.configHash", "Collector config hash", 1),
            Ready, Age,
        ]),
        new(typeof(RumSlo), typeof(RumSloSpec), typeof(RumSloStatus), RumSlo.KindName, "rumslos", "rumslo", ["rslo"],
        [
            new("Objective", "number", ".spec.objective", "Percent of good events"),
            new("Window", "string", ".spec.window", "SLO window"),
            new("SLI", "string", ".status.sliKind", "SLI kind"),
            new("Budget", "string", ".status.errorBudgetRemaining", "Error budget remaining"),
            Ready, Age,
        ]),
        new(typeof(SamplingPolicy), typeof(SamplingPolicySpec), typeof(SamplingPolicyStatus), SamplingPolicy.KindName, "samplingpolicies", "samplingpolicy", ["rumsp"],
        [
            new("Priority", "integer", ".spec.priority", "Higher applies first"),
            Ready, Age,
        ]),
    ];

    public static JsonObject Generate(CrdDefinition def)
    {
        var spec = SchemaBuilder.For(def.SpecType, def.SpecType.GetCustomAttribute<DescriptionAttribute>()?.Description ?? $"Desired state of the {def.Kind}.");
        var status = SchemaBuilder.For(def.StatusType, $"Observed state of the {def.Kind}, written by the operator.");
        var root = new JsonObject
        {
            ["description"] = def.ResourceType.GetCustomAttribute<DescriptionAttribute>()?.Description ?? def.Kind,
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["description"] = "APIVersion defines the versioned schema of this representation of an object.", ["type"] = "string" },
                ["kind"] = new JsonObject { ["description"] = "Kind is a string value representing the REST resource this object represents.", ["type"] = "string" },
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = spec,
                ["status"] = status,
            },
            ["required"] = new JsonArray("spec"),
        };
        var columns = new JsonArray(def.Columns.Select(c =>
        {
            var o = new JsonObject { ["name"] = c.Name, ["type"] = c.Type, ["jsonPath"] = c.JsonPath, ["description"] = c.Description };
            if (c.Priority != 0) o["priority"] = c.Priority;
            return (JsonNode)o;
        }).ToArray());
        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = def.Name,
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "rum-operator" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = ApiGroup.Group,
                ["names"] = new JsonObject
                {
                    ["kind"] = def.Kind,
                    ["listKind"] = def.Kind + "List",
                    ["plural"] = def.Plural,
                    ["singular"] = def.Singular,
                    ["shortNames"] = new JsonArray(def.ShortNames.Select(s => (JsonNode)s!).ToArray()),
                    ["categories"] = new JsonArray("rum"),
                },
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = ApiGroup.Version,
                    ["served"] = true,
                    ["storage"] = true,
                    ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                    ["additionalPrinterColumns"] = columns,
                    ["schema"] = new JsonObject { ["openAPIV3Schema"] = root },
                }),
            },
        };
    }

    public static IReadOnlyList<JsonObject> GenerateAll() => All.Select(Generate).ToList();
}
