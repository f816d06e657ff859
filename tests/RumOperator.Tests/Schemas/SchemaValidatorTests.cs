using System.Text.Json.Nodes;

namespace RumOperator.Tests.Schemas;

/// <summary>The validator must reject what the API server (or kubectl --validate=strict) would, or the schema tests prove nothing.</summary>
public class SchemaValidatorTests
{
    private static JsonObject Service() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = "web-collector", ["namespace"] = "shop" },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["app"] = "web" },
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["targetPort"] = "http" }),
        },
    };

    private static JsonObject ServiceMonitor() => new()
    {
        ["apiVersion"] = "monitoring.coreos.com/v1",
        ["kind"] = "ServiceMonitor",
        ["metadata"] = new JsonObject { ["name"] = "web-collector", ["namespace"] = "shop" },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
            ["endpoints"] = new JsonArray(new JsonObject { ["port"] = "http", ["interval"] = "30s" }),
        },
    };

    [Fact]
    public void A_well_formed_kubernetes_object_is_valid() => Assert.Empty(SchemaValidator.Validate(Service()));

    [Fact]
    public void A_well_formed_prometheus_operator_object_is_valid() => Assert.Empty(SchemaValidator.Validate(ServiceMonitor()));

    public static TheoryData<string, string, string> Breakages => new()
    {
        // object, JSON pointer of the node to replace (parent / name), what goes wrong
        { "Service", "/spec/selectr", "unknown field" },
        { "Service", "/spec/ports/0/port", "wrong type" },
        { "Service", "/metadata/labelz", "unknown field in metadata" },
        { "ServiceMonitor", "/spec/endpoints/0/scheme", "value outside the enum" },
        { "Service", "/spec/ports/0/port", "required field missing" },
        { "ServiceMonitor", "/spec/endpoints/0/prot", "unknown field" },
        { "ServiceMonitor", "/spec/endpoints/0/interval", "pattern mismatch" },
        { "ServiceMonitor", "/spec/selector/matchLabels", "wrong type" },
        { "ServiceMonitor", "/metadata/labels", "wrong type in metadata (CRDs leave metadata open; we do not)" },
        { "ServiceMonitor", "/spec/unknownTopLevel", "unknown field" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_object_fails_and_the_error_names_the_place(string kind, string pointer, string breakage)
    {
        var obj = kind == "Service" ? Service() : ServiceMonitor();
        var parentPath = pointer[..pointer.LastIndexOf('/')];
        var field = pointer[(pointer.LastIndexOf('/') + 1)..];
        var parent = parentPath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Aggregate((JsonNode)obj, (node, step) => node is JsonArray arr ? arr[int.Parse(step)]! : node[step]!);
        // Wrong types are strings where integers/objects belong and vice versa; unknown names get any value.
        if (breakage == "required field missing")
        {
            ((JsonObject)parent).Remove(field);
            pointer = parentPath;
        }
        else ((JsonObject)parent)[field] = breakage switch
        {
            "value outside the enum" => "Sideways",
            "pattern mismatch" => "30 seconds",
            _ when breakage.StartsWith("wrong type") && field == "port" => "eighty",
            _ when breakage.StartsWith("wrong type") => 42,
            _ => "x",
        };

        var errors = SchemaValidator.Validate(obj);

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.StartsWith(pointer + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void An_object_without_a_known_schema_is_an_error_not_a_pass()
    {
        var obj = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Gadget" };
        var e = Assert.Throws<ArgumentException>(() => SchemaValidator.Validate(obj));
        Assert.Contains("Gadget", e.Message);
    }

    [Theory]
    [InlineData("v1", "ConfigMap", "configmap-v1.json")]
    [InlineData("apps/v1", "Deployment", "deployment-apps-v1.json")]
    [InlineData("networking.k8s.io/v1", "NetworkPolicy", "networkpolicy-networking-v1.json")]
    [InlineData("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscaler-autoscaling-v2.json")]
    [InlineData("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinition-apiextensions-v1.json")]
    public void Kubernetes_schema_file_names_follow_the_upstream_layout(string apiVersion, string kind, string expected)
    {
        Assert.Equal(expected, KubernetesSchemaFiles.FileName(apiVersion, kind));
        Assert.True(File.Exists(Path.Combine(SchemaLocator.KubernetesDirectory, expected)));
    }

    [Fact]
    public void Strictness_leaves_declared_maps_and_preserved_fields_open()
    {
        var schema = JsonNode.Parse("""
            {
              "type": "object",
              "properties": {
                "closed": { "type": "object", "properties": { "a": { "type": "string" } } },
                "map": { "type": "object", "additionalProperties": { "type": "string" } },
                "open": { "type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": { "a": { "type": "string" } } }
              }
            }
            """)!;

        StrictCrdSchema.MakeStrict(schema);

        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.False(schema["properties"]!["closed"]!["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("string", schema["properties"]!["map"]!["additionalProperties"]!["type"]!.GetValue<string>());
        Assert.Null(schema["properties"]!["open"]!["additionalProperties"]);
    }

    public static TheoryData<string> CrdFiles => new(Directory.EnumerateFiles(SchemaLocator.CrdDirectory, "*.yaml").Select(Path.GetFileName).Order()!);

    /// <summary>Upstream CRDs are valid CustomResourceDefinitions: exercises the big recursive apiextensions schema the CRD tests rely on.</summary>
    [Theory]
    [MemberData(nameof(CrdFiles))]
    public void The_upstream_CRDs_are_valid_CustomResourceDefinitions(string file)
    {
        // A file may hold several CRDs (Flagger ships Canary, MetricTemplate and AlertProvider in one).
        var crds = RumOperator.Serialization.Yaml.ParseAll(File.ReadAllText(Path.Combine(SchemaLocator.CrdDirectory, file)))
            .Select(d => Assert.IsType<JsonObject>(d.Node)).ToList();

        Assert.NotEmpty(crds);
        Assert.All(crds, crd => Assert.Empty(SchemaValidator.Validate(crd)));
    }

    [Fact]
    public void A_custom_resource_can_be_checked_against_a_given_CRD()
    {
        var crd = (JsonObject)RumOperator.Serialization.Yaml.ParseAll(
            File.ReadAllText(Path.Combine(SchemaLocator.CrdDirectory, "monitoring.coreos.com_servicemonitors.yaml")))[0].Node!;
        var broken = ServiceMonitor();
        broken["spec"]!["jobLabell"] = "x";

        Assert.Empty(SchemaValidator.ValidateWithCrd(ServiceMonitor(), crd));
        Assert.Contains(SchemaValidator.ValidateWithCrd(broken, crd), e => e.StartsWith("/spec/jobLabell:", StringComparison.Ordinal));
    }
}
