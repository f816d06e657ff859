using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.CollectorConfig;

namespace RumOperator.Tests.Rendering;

public class CollectorDeploymentTests
{
    private static JsonNode PodSpec(RumOperator.Api.RumPipeline? pipeline = null, RumOperator.Rendering.Pipeline.PipelineRenderOptions? options = null) =>
        ExamplePipeline.Render(pipeline, options).OfKind("Deployment").Body["spec"]!["template"]!["spec"]!;

    private static JsonNode Container(JsonNode podSpec) => Assert.Single(podSpec["containers"]!.AsArray())!;

    [Fact]
    public void The_pod_meets_the_restricted_pod_security_standard()
    {
        var pod = PodSpec();
        var podSecurity = pod["securityContext"]!;
        Assert.True((bool)podSecurity["runAsNonRoot"]!);
        Assert.Equal(10001, (long)podSecurity["runAsUser"]!);
        Assert.Equal("RuntimeDefault", (string?)podSecurity["seccompProfile"]!["type"]);

        var security = Container(pod)["securityContext"]!;
        Assert.True((bool)security["runAsNonRoot"]!);
        Assert.Equal(10001, (long)security["runAsUser"]!);
        Assert.True((bool)security["readOnlyRootFilesystem"]!);
        Assert.False((bool)security["allowPrivilegeEscalation"]!);
        Assert.Equal("RuntimeDefault", (string?)security["seccompProfile"]!["type"]);
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(n => (string?)n));
        Assert.Null(security["capabilities"]!["add"]);
        Assert.Null(security["privileged"]);
        Assert.False((bool)pod["automountServiceAccountToken"]!);
        Assert.Null(pod["hostNetwork"]);
    }

    [Fact]
    public void The_container_runs_the_collector_on_its_config_with_probes_on_the_named_port()
    {
        var container = Container(PodSpec());

        Assert.Equal(ExamplePipeline.Image, (string?)container["image"]);
        Assert.Equal(["--config", "/etc/rum/config/collector.json", "--urls", "http://0.0.0.0:8080"],
            container["args"]!.AsArray().Select(n => (string?)n));
        var port = Assert.Single(container["ports"]!.AsArray())!;
        Assert.Equal("http", (string?)port["name"]);
        Assert.Equal(8080, (int)port["containerPort"]!);
        Assert.Equal("/healthz", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("http", (string?)container["livenessProbe"]!["httpGet"]!["port"]);
        Assert.Equal("/readyz", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("http", (string?)container["readinessProbe"]!["httpGet"]!["port"]);
    }

    [Fact]
    public void The_spec_image_wins_over_the_operator_default()
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.Collector.Image = "registry.example/collector:1.2.3";
        Assert.Equal("registry.example/collector:1.2.3", (string?)Container(PodSpec(pipeline))["image"]);
    }

    [Fact]
    public void No_image_anywhere_is_an_error_naming_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => ExamplePipeline.Render(options: ExamplePipeline.Options with { CollectorImage = "" }));
        Assert.Contains("spec.collector.image", e.Message);
        Assert.Contains("shop/web", e.Message);
    }

    [Fact]
    public void Config_keys_and_salt_are_mounted_read_only_where_the_collector_config_points()
    {
        var pipeline = ExamplePipeline.Pipeline();
        var pod = PodSpec(pipeline);
        var mounts = Container(pod)["volumeMounts"]!.AsArray().ToDictionary(m => (string)m!["name"]!, m => m!);
        var volumes = pod["volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!);

        Assert.Equal(["config", "keys", "salt", "tmp"], mounts.Keys);
        Assert.Equal(mounts.Keys, volumes.Keys);
        Assert.Equal(CollectorPaths.ConfigDirectory, (string?)mounts["config"]["mountPath"]);
        Assert.Equal(CollectorPaths.KeysDirectory, (string?)mounts["keys"]["mountPath"]);
        Assert.Equal(CollectorPaths.SaltDirectory, (string?)mounts["salt"]["mountPath"]);
        Assert.Equal("/tmp", (string?)mounts["tmp"]["mountPath"]);
        Assert.All(["config", "keys", "salt"], name => Assert.True((bool)mounts[name]["readOnly"]!));
        Assert.False((bool)mounts["tmp"]["readOnly"]!);

        Assert.Equal("web-collector-config", (string?)volumes["config"]["configMap"]!["name"]);
        Assert.Equal("web-rum-keys", (string?)volumes["keys"]["secret"]!["secretName"]);
        Assert.Equal("web-rum-salt", (string?)volumes["salt"]["secret"]!["secretName"]);
        Assert.NotNull(volumes["tmp"]["emptyDir"]);

        // The config names the salt file the volume provides.
        var config = CollectorConfigBuilder.Build(pipeline, []).Config;
        var saltItem = Assert.Single(volumes["salt"]["secret"]!["items"]!.AsArray())!;
        Assert.Equal(config.Privacy.SaltPath, $"{(string?)mounts["salt"]["mountPath"]}/{(string?)saltItem["path"]}");
    }

    [Fact]
    public void Without_a_salt_Secret_no_salt_volume_is_mounted()
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.Privacy.UserIdHashSecretRef = null;

        var pod = PodSpec(pipeline);

        Assert.DoesNotContain(pod["volumes"]!.AsArray(), v => (string?)v!["name"] == "salt");
        Assert.DoesNotContain(Container(pod)["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == "salt");
    }

    [Fact]
    public void Pods_spread_across_zones_and_nodes_without_blocking_scheduling()
    {
        var pod = PodSpec();
        var constraints = pod["topologySpreadConstraints"]!.AsArray();

        Assert.Equal(["topology.kubernetes.io/zone", "kubernetes.io/hostname"], constraints.Select(c => (string?)c!["topologyKey"]));
        Assert.All(constraints, c =>
        {
            Assert.Equal("ScheduleAnyway", (string?)c!["whenUnsatisfiable"]);
            Assert.Equal("web", (string?)c["labelSelector"]!["matchLabels"]!["app.kubernetes.io/instance"]);
        });
        Assert.Equal(30, (int)pod["terminationGracePeriodSeconds"]!);
        Assert.Equal("web-collector", (string?)pod["serviceAccountName"]);
    }

    public static TheoryData<Dictionary<string, string>?, Dictionary<string, string>?, string, string?> ResourceCases => new()
    {
        // spec requests, spec limits → rendered requests, rendered limits (as compact JSON)
        { null, null, """{"cpu":"100m","memory":"128Mi"}""", """{"memory":"256Mi"}""" },
        { new() { ["cpu"] = "250m" }, null, """{"cpu":"250m","memory":"128Mi"}""", """{"memory":"256Mi"}""" },
        { new() { ["memory"] = "1Gi" }, null, """{"cpu":"100m","memory":"1Gi"}""", null },
        { new() { ["memory"] = "1Gi" }, new() { ["memory"] = "2Gi", ["cpu"] = "2" }, """{"cpu":"100m","memory":"1Gi"}""", """{"cpu":"2","memory":"2Gi"}""" },
    };

    [Theory]
    [MemberData(nameof(ResourceCases))]
    public void Resources_come_from_the_spec_over_defaults_and_always_request_cpu(
        Dictionary<string, string>? requests, Dictionary<string, string>? limits, string expectedRequests, string? expectedLimits)
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.Collector.Resources = requests is null && limits is null ? null : new ResourcesSpec { Requests = requests, Limits = limits };

        var resources = Container(PodSpec(pipeline))["resources"]!;

        Assert.Equal(expectedRequests, resources["requests"]!.ToJsonString());
        Assert.Equal(expectedLimits, resources["limits"]?.ToJsonString());
    }
}
