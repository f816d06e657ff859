using System.Text.Json.Nodes;
using RumOperator.Objects;
using RumOperator.Rendering.Pipeline;
using RumOperator.Tests.Schemas;

namespace RumOperator.Tests.Rendering;

public class PipelineRendererTests
{
    private static readonly string[] ExpectedKinds =
        ["ServiceAccount", "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor"];

    [Fact]
    public void The_example_pipeline_renders_its_collector_fleet_in_apply_order()
    {
        var objects = ExamplePipeline.Render();

        Assert.Equal(ExpectedKinds, objects.Select(o => o.Kind));
        Assert.All(objects, o => Assert.Equal("shop", o.Namespace));
        Assert.Equal("web-collector-config", objects.OfKind("ConfigMap").Name);
        Assert.All(objects.Where(o => o.Kind != "ConfigMap"), o => Assert.Equal("web-collector", o.Name));
    }

    public static TheoryData<bool, bool, bool> Variants => new()
    {
        // owner, ServiceMonitor available, NetworkPolicy enabled
        { false, true, false },
        { true, true, true },
        { true, false, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_rendered_object_is_valid_against_the_upstream_schemas(bool withOwner, bool serviceMonitor, bool networkPolicy)
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.NetworkPolicy = new() { Enabled = networkPolicy };
        var objects = ExamplePipeline.Render(pipeline, ExamplePipeline.Options with { ServiceMonitorAvailable = serviceMonitor },
            withOwner ? ExamplePipeline.Owner : null);

        Assert.All(objects, o => Assert.Empty(SchemaValidator.Validate(o.Body).Select(e => $"{o.Kind}: {e}")));
    }

    [Theory]
    [InlineData("Deployment", "runAsNonroot")]
    [InlineData("ServiceMonitor", "scrapeIntervall")]
    public void The_schema_check_would_catch_a_misspelt_field_deep_in_a_rendered_object(string kind, string typo)
    {
        var body = ExamplePipeline.Render().OfKind(kind).Body;
        var target = kind == "Deployment"
            ? body["spec"]!["template"]!["spec"]!["containers"]![0]!["securityContext"]!
            : body["spec"]!["endpoints"]![0]!;
        target[typo] = true;

        Assert.NotEmpty(SchemaValidator.Validate(body));
    }

    [Fact]
    public void Every_object_carries_identity_and_standard_labels_and_nothing_server_managed()
    {
        foreach (var o in ExamplePipeline.Render())
        {
            Assert.Equal(o.ApiVersion, (string?)o.Body["apiVersion"]);
            Assert.Equal(o.Kind, (string?)o.Body["kind"]);
            var metadata = o.Body["metadata"]!.AsObject();
            Assert.Equal(["name", "namespace", "labels"], metadata.Select(p => p.Key));
            Assert.Equal(o.Name, (string?)metadata["name"]);
            var labels = metadata["labels"]!.AsObject();
            Assert.Equal("rum-operator", (string?)labels[ObjectLabels.ManagedBy]);
            Assert.Equal("RumPipeline.web", (string?)labels[ObjectLabels.Owner]);
            Assert.Equal("rum-collector", (string?)labels["app.kubernetes.io/name"]);
            Assert.Equal("web", (string?)labels["app.kubernetes.io/instance"]);
            Assert.Null(o.Body["status"]);
        }
    }

    [Fact]
    public void Owner_references_are_present_on_every_object_when_an_owner_is_given()
    {
        foreach (var o in ExamplePipeline.Render(owner: ExamplePipeline.Owner))
        {
            var reference = Assert.Single(o.Body["metadata"]!["ownerReferences"]!.AsArray())!;
            Assert.Equal(ExamplePipeline.Owner.Uid, (string?)reference["uid"]);
            Assert.Equal("RumPipeline", (string?)reference["kind"]);
            Assert.Equal("web", (string?)reference["name"]);
            Assert.True((bool)reference["controller"]!);
        }
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    [InlineData(true, false, false)]
    [InlineData(false, false, false)]
    public void A_ServiceMonitor_is_rendered_only_when_the_CRDs_exist_and_the_spec_asks(bool available, bool enabled, bool expected)
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.Metrics.ServiceMonitor.Enabled = enabled;

        var objects = ExamplePipeline.Render(pipeline, ExamplePipeline.Options with { ServiceMonitorAvailable = available });

        Assert.Equal(expected, objects.Any(o => o.Kind == "ServiceMonitor"));
    }

    [Fact]
    public void The_ServiceMonitor_scrapes_the_http_port_of_the_collector_Service()
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.Metrics.ServiceMonitor.Interval = "15s";
        var objects = ExamplePipeline.Render(pipeline);

        var monitor = objects.OfKind("ServiceMonitor").Body;
        var endpoint = Assert.Single(monitor["spec"]!["endpoints"]!.AsArray())!;
        Assert.Equal("http", (string?)endpoint["port"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        Assert.Equal("15s", (string?)endpoint["interval"]);
        var servicePort = Assert.Single(objects.OfKind("Service").Body["spec"]!["ports"]!.AsArray())!;
        Assert.Equal("http", (string?)servicePort["name"]);
        Assert.True(JsonNode.DeepEquals(monitor["spec"]!["selector"]!["matchLabels"], objects.OfKind("Service").Body["spec"]!["selector"]));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_NetworkPolicy_is_rendered_only_when_enabled(bool? enabled, bool expected)
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.NetworkPolicy = enabled is null ? null : new() { Enabled = enabled.Value };

        var objects = ExamplePipeline.Render(pipeline);

        Assert.Equal(expected, objects.Any(o => o.Kind == "NetworkPolicy"));
        if (expected) Assert.Equal("NetworkPolicy", objects[^1].Kind);
    }

    [Fact]
    public void The_NetworkPolicy_admits_the_collector_port_from_any_source_and_nothing_else()
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.NetworkPolicy = new() { Enabled = true };

        var spec = ExamplePipeline.Render(pipeline).OfKind("NetworkPolicy").Body["spec"]!;

        Assert.Equal(["Ingress"], spec["policyTypes"]!.AsArray().Select(n => (string?)n));
        var rule = Assert.Single(spec["ingress"]!.AsArray())!;
        Assert.Null(rule["from"]);
        var port = Assert.Single(rule["ports"]!.AsArray())!;
        Assert.Equal(8080, (int)port["port"]!);
        Assert.Equal("TCP", (string?)port["protocol"]);
        Assert.Equal("web", (string?)spec["podSelector"]!["matchLabels"]!["app.kubernetes.io/instance"]);
    }

    [Fact]
    public void The_Service_maps_port_80_to_the_named_container_port_of_the_collector_pods()
    {
        var objects = ExamplePipeline.Render();
        var spec = objects.OfKind("Service").Body["spec"]!;
        var port = Assert.Single(spec["ports"]!.AsArray())!;

        Assert.Equal(80, (int)port["port"]!);
        Assert.Equal("http", (string?)port["targetPort"]);
        var podLabels = objects.OfKind("Deployment").Body["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(spec["selector"]!.AsObject(), p => Assert.Equal((string?)p.Value, (string?)podLabels[p.Key]));
    }

    [Fact]
    public void The_HPA_scales_the_Deployment_within_the_spec_bounds_on_cpu()
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.Collector.Replicas = new() { Min = 3, Max = 7 };
        pipeline.Spec.Collector.Autoscaling.TargetCPUUtilizationPercentage = 55;

        var spec = ExamplePipeline.Render(pipeline).OfKind("HorizontalPodAutoscaler").Body["spec"]!;

        Assert.Equal("Deployment", (string?)spec["scaleTargetRef"]!["kind"]);
        Assert.Equal("web-collector", (string?)spec["scaleTargetRef"]!["name"]);
        Assert.Equal(3, (int)spec["minReplicas"]!);
        Assert.Equal(7, (int)spec["maxReplicas"]!);
        var resource = Assert.Single(spec["metrics"]!.AsArray())!["resource"]!;
        Assert.Equal("cpu", (string?)resource["name"]);
        Assert.Equal(55, (int)resource["target"]!["averageUtilization"]!);
    }

    [Fact]
    public void The_Deployment_leaves_the_replica_count_to_the_HPA()
    {
        var deployment = ExamplePipeline.Render().OfKind("Deployment").Body;
        Assert.False(deployment["spec"]!.AsObject().ContainsKey("replicas"));
    }

    [Fact]
    public void The_PDB_allows_one_voluntary_eviction_at_a_time()
    {
        var spec = ExamplePipeline.Render().OfKind("PodDisruptionBudget").Body["spec"]!;
        Assert.Equal(1, (int)spec["maxUnavailable"]!);
        Assert.Null(spec["minAvailable"]);
    }

    [Fact]
    public void The_ServiceAccount_does_not_mount_an_API_token()
    {
        var account = ExamplePipeline.Render().OfKind("ServiceAccount").Body;
        Assert.False((bool)account["automountServiceAccountToken"]!);
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var first = ExamplePipeline.Render(owner: ExamplePipeline.Owner);
        var second = ExamplePipeline.Render(owner: ExamplePipeline.Owner);
        Assert.Equal(first.Select(o => o.Body.ToJsonString()), second.Select(o => o.Body.ToJsonString()));
    }
}
