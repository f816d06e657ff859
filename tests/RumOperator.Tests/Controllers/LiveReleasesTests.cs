using System.Text.Json;
using System.Text.Json.Nodes;
using RumOperator.Controllers;
using RumOperator.Rendering.Pipeline;
using RumOperator.Tests.ReleaseGuard;
using static RumOperator.Tests.Controllers.ControllerHarness;

namespace RumOperator.Tests.Controllers;

/// <summary>The operator puts the releases its rollback targets run into the collector config, so they are never evicted.</summary>
public sealed class LiveReleasesTests
{
    private static JsonObject CollectorConfig(ControllerHarness h) =>
        JsonNode.Parse(Str(h.Get(KindRef.ConfigMap, CollectorNames.ConfigMap("web"))["data"]!["collector.json"]))!.AsObject();

    private static IEnumerable<string> Live(ControllerHarness h) =>
        CollectorConfig(h)["metrics"]!["liveReleases"]!.AsArray().Select(n => n!.GetValue<string>());

    private static string PodHash(ControllerHarness h) =>
        Str(h.Get(KindRef.Deployment, "web-collector")["spec"]!["template"]!["metadata"]!["annotations"]![CollectorNames.ConfigHashAnnotation]);

    [Fact]
    public async Task The_release_of_a_rollback_target_Deployment_is_in_the_collector_config_and_follows_a_deploy_without_rolling_collectors()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.PutSlo(); // rollback target: Deployment storefront, releaseLabel app.kubernetes.io/version
        h.Put(GuardObjects.Deployment("2.3.1", revision: 1));

        await h.ReconcilePipelineAsync();
        Assert.Equal(["2.3.1"], Live(h));
        var hash = PodHash(h);

        h.Put(GuardObjects.Deployment("2.4.0", revision: 2));
        await h.ReconcilePipelineAsync();

        Assert.Equal(["2.4.0"], Live(h));
        Assert.Equal(hash, PodHash(h));
    }

    [Fact]
    public async Task Without_a_target_workload_or_for_another_pipeline_no_release_is_pinned()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.PutSlo(s => s["spec"]!["pipelineRef"]!["name"] = "other");
        h.Put(GuardObjects.Deployment("2.3.1", revision: 1));

        await h.ReconcilePipelineAsync();

        Assert.Empty(Live(h));
    }

    [Fact]
    public void A_Deployment_change_maps_to_the_pipelines_of_the_SLOs_that_target_it()
    {
        var slo = Example("slo-checkout-lcp.yaml", "RumSLO");

        Assert.Equal(["web"], LiveReleases.PipelinesTargeting(GuardObjects.Deployment("1", 1), [slo]));
        Assert.Empty(LiveReleases.PipelinesTargeting(GuardObjects.Deployment("1", 1, name: "unrelated"), [slo]));
    }

    /// <summary>A RumSLO that cannot be read (a wrong type in its spec): it reports itself in its own status.</summary>
    private static JsonObject UnreadableSlo()
    {
        var slo = Example("slo-checkout-lcp.yaml", "RumSLO");
        slo["metadata"]!["name"] = "a-broken";
        slo["spec"]!["objective"] = "very high";
        return slo;
    }

    [Fact]
    public void An_SLO_that_cannot_be_read_does_not_stop_the_mapping_of_the_others()
    {
        Assert.Equal(["web"], LiveReleases.PipelinesTargeting(GuardObjects.Deployment("1", 1), [UnreadableSlo(), Example("slo-checkout-lcp.yaml", "RumSLO")]));
    }

    [Fact]
    public async Task An_SLO_that_cannot_be_read_does_not_stop_the_releases_of_the_others_being_pinned()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.Put(UnreadableSlo());
        h.PutSlo();
        h.Put(GuardObjects.Deployment("2.3.1", revision: 1));

        await h.ReconcilePipelineAsync();

        Assert.Equal(["2.3.1"], Live(h));
    }
}
