using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.LocalStack;
using RumOperator.LocalStack.Demo;
using RumOperator.ReleaseGuard;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Tests.Support;
using RumOperator.Validation;

namespace RumOperator.Tests.LocalStack;

/// <summary>The examples as the local stack seeds them: same objects, runnable on one machine, time-scaled.</summary>
public sealed class DemoManifestsTests
{
    private static readonly DemoSettings Settings = new("http://127.0.0.1:5555", "/tmp/rum-dev-test", new TimeScale(168));

    private static IReadOnlyList<JsonObject> Prepared() =>
        DemoManifests.Prepare(Manifests.Load(Path.Combine(Repo.Root, "examples")), Settings);

    private static JsonObject One(string kind, string name) =>
        Assert.Single(Prepared(), o => o["kind"]!.GetValue<string>() == kind && o["metadata"]!["name"]!.GetValue<string>() == name);

    [Theory]
    [InlineData("28d", 168, "4h")]
    [InlineData("7d", 168, "1h")]
    [InlineData("7d", 672, "1h")] // never below the validator's shortest window
    [InlineData("30d", 30, "1d")]
    public void Windows_are_divided_by_the_scale_and_clamped_to_the_validators_minimum(string window, double factor, string expected) =>
        Assert.Equal(expected, new TimeScale(factor).Window(window));

    [Fact]
    public void Every_scaled_SLO_validates_and_renders_with_second_long_alert_windows()
    {
        var slos = Prepared().Where(o => o["kind"]!.GetValue<string>() == "RumSLO").Select(o => o.Deserialize<RumSlo>(RumJson.Strict)!).ToList();

        Assert.Equal(5, slos.Count);
        foreach (var slo in slos)
        {
            Assert.True(new RumSloValidator().Validate(slo).IsValid, slo.Name);
            var rendered = SloEngine.Render(slo, null);
            Assert.True(rendered.Ok, string.Join("; ", rendered.Errors));
            Assert.Equal(DemoManifests.ScrapeInterval, slo.Spec.ScrapeInterval);
            Assert.True(rendered.Plan!.FastestPage.Long < TimeSpan.FromMinutes(1), $"{slo.Name}: {rendered.Plan.FastestPage.Long}");
        }
        var guarded = slos.Single(s => s.Name == "checkout-lcp");
        Assert.Equal("4h", guarded.Spec.Window);
        Assert.Equal("11s", guarded.Spec.Rollback!.Cooldown); // 30m / 168
    }

    [Fact]
    public void The_pipeline_admits_the_demo_shop_and_headless_Chromium_and_exports_to_a_file()
    {
        var spec = One("RumPipeline", "web")["spec"]!;

        Assert.Equal(["https://shop.example.com", Settings.ShopOrigin], spec["ingest"]!["allowedOrigins"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.True(spec["enrichment"]!["allowHeadless"]!.GetValue<bool>());
        Assert.Equal(Settings.ExportFile("web"), spec["export"]!["file"]!["path"]!.GetValue<string>());
        Assert.Null(spec["export"]!["otlp"]);
    }

    [Fact]
    public void Secrets_carry_data_as_the_API_server_stores_their_stringData()
    {
        var secret = One("Secret", "web-rum-keys");

        Assert.Null(secret["stringData"]);
        Assert.Equal("pk-storefront-2f9a1c,pk-storefront-old-77b0",
            Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["storefront"]!.GetValue<string>())));
    }

    [Fact]
    public void The_rollback_target_gets_a_Deployment_with_two_revisions_that_rollout_undo_can_use()
    {
        var deployment = One("Deployment", "storefront");
        var replicaSets = Prepared().Where(o => o["kind"]!.GetValue<string>() == "ReplicaSet").ToList();
        const string label = "app.kubernetes.io/version";

        Assert.Equal(Settings.Releases.Stable, DemoWorkload.Release(deployment, label));
        Assert.Equal([(1L, Settings.Releases.Previous), (2L, Settings.Releases.Stable)],
            replicaSets.Select(rs => (DemoWorkload.Revision(rs), DemoWorkload.Release(rs, label)!)).Order());
        Assert.All(replicaSets, rs => Assert.Equal("storefront", rs["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>()));
    }
}
