using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.CollectorConfig;
using RumOperator.Objects;
using RumOperator.Serialization;

namespace RumOperator.Tests.Rendering;

public class CollectorConfigMapTests
{
    private static string ConfigJson(IReadOnlyList<DesiredObject> objects) =>
        (string)objects.OfKind("ConfigMap").Body["data"]![CollectorPaths.ConfigFileName]!;

    private static string ConfigHash(IReadOnlyList<DesiredObject> objects) =>
        (string)objects.OfKind("Deployment").Body["spec"]!["template"]!["metadata"]!["annotations"]!["rumops.dev/config-hash"]!;

    [Fact]
    public void The_ConfigMap_holds_the_collector_config_the_collector_can_read_back()
    {
        var pipeline = ExamplePipeline.Pipeline();
        var json = ConfigJson(ExamplePipeline.Render(pipeline));

        var config = JsonSerializer.Deserialize<CollectorConfig.CollectorConfig>(json, RumJson.Strict)!;
        var expected = CollectorConfigBuilder.Build(pipeline, [ExamplePipeline.Policy()]).Config;
        // Key order differs (the ConfigMap's is canonical); the content may not.
        Assert.True(JsonNode.DeepEquals(
            JsonSerializer.SerializeToNode(expected, RumJson.Lenient),
            JsonSerializer.SerializeToNode(config, RumJson.Lenient)));
    }

    [Fact]
    public void The_pod_annotation_is_the_sha256_prefix_of_the_ConfigMap_content_without_the_live_releases()
    {
        var objects = ExamplePipeline.Render(options: ExamplePipeline.Options with { LiveReleases = ["2.3.1"] });
        var config = JsonNode.Parse(ConfigJson(objects))!.AsObject();
        Assert.Equal(["2.3.1"], config["metrics"]!["liveReleases"]!.AsArray().Select(n => (string)n!));
        config["metrics"]!.AsObject().Remove("liveReleases");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RumOperator.Rendering.Pipeline.CanonicalJson.Write(config))))[..16];
        Assert.Equal(expected, ConfigHash(objects));
        // A deploy of a rollback target changes the live releases only: the collectors reload, their pods do not roll.
        Assert.Equal(ConfigHash(ExamplePipeline.Render()), ConfigHash(objects));
    }

    [Fact]
    public void The_hash_is_stable_when_nothing_changes_and_when_a_map_is_reordered()
    {
        var reordered = ExamplePipeline.Pipeline();
        reordered.Spec.Metrics.MaxValuesPerLabel = reordered.Spec.Metrics.MaxValuesPerLabel.Reverse().ToDictionary();

        Assert.Equal(ConfigHash(ExamplePipeline.Render()), ConfigHash(ExamplePipeline.Render()));
        Assert.Equal(ConfigHash(ExamplePipeline.Render()), ConfigHash(ExamplePipeline.Render(reordered)));
    }

    public static TheoryData<string> Changes => ["maxBeaconBytes", "route", "samplingRate", "noPolicies"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void The_hash_changes_when_the_config_changes(string change)
    {
        var pipeline = ExamplePipeline.Pipeline();
        var policy = ExamplePipeline.Policy();
        IEnumerable<SamplingPolicy> policies = [policy];
        switch (change)
        {
            case "maxBeaconBytes": pipeline.Spec.Ingest.MaxBeaconBytes = 32768; break;
            case "route": pipeline.Spec.Apps[0].Routes.Add("/search"); break;
            case "samplingRate": policy.Spec.Rules[^1].SessionSampleRate = 0.2; break;
            case "noPolicies": policies = []; break;
        }

        Assert.NotEqual(ConfigHash(ExamplePipeline.Render()), ConfigHash(ExamplePipeline.Render(pipeline, policies: policies)));
    }

    [Fact]
    public void Changes_outside_the_config_do_not_roll_the_pods()
    {
        var pipeline = ExamplePipeline.Pipeline();
        pipeline.Spec.Collector.Replicas = new() { Min = 4, Max = 20 };
        Assert.Equal(ConfigHash(ExamplePipeline.Render()), ConfigHash(ExamplePipeline.Render(pipeline)));
    }

    [Fact]
    public void A_SamplingPolicy_selected_by_the_pipeline_appears_in_the_sampling_rules()
    {
        var config = JsonSerializer.Deserialize<CollectorConfig.CollectorConfig>(ConfigJson(ExamplePipeline.Render()), RumJson.Strict)!;

        Assert.Equal(["web-default", "web-default"], config.Sampling.Rules.Select(r => r.Policy));
        Assert.Equal("/checkout*", config.Sampling.Rules[0].Match.Route);
        Assert.Equal(1.0, config.Sampling.Rules[0].SessionSampleRate);
        Assert.Equal(0.1, config.Sampling.Rules[1].SessionSampleRate);
        Assert.Equal(4.0, config.Sampling.AlwaysKeepSlowerThan["lcp"]);
    }

    [Fact]
    public void A_SamplingPolicy_the_selector_does_not_match_stays_out()
    {
        var policy = ExamplePipeline.Policy();
        policy.Metadata.Labels = new Dictionary<string, string> { ["pipeline"] = "mobile" };

        var config = JsonSerializer.Deserialize<CollectorConfig.CollectorConfig>(
            ConfigJson(ExamplePipeline.Render(policies: [policy])), RumJson.Strict)!;

        Assert.Empty(config.Sampling.Rules);
    }

    [Fact]
    public void Secret_values_are_referenced_never_copied()
    {
        var json = ConfigJson(ExamplePipeline.Render());

        // The example Secrets' values (examples/pipeline.yaml); only their mount paths may appear.
        Assert.DoesNotContain("pk-storefront-2f9a1c", json);
        Assert.DoesNotContain("change-me-to-a-long-random-string", json);
        Assert.Contains(CollectorPaths.KeysDirectory, json);
        Assert.Contains($"{CollectorPaths.SaltDirectory}/{CollectorPaths.SaltKey}", json);
    }
}
