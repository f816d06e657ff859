using System.Text.Json.Nodes;
using RumOperator.Controllers;
using RumOperator.Rendering.Pipeline;
using RumOperator.Runtime.Client;
using static RumOperator.Tests.Controllers.ControllerHarness;

namespace RumOperator.Tests.Controllers;

public sealed class SamplingPolicyReconcilerTests
{
    private static JsonObject SecondPolicy(int priority) => new()
    {
        ["apiVersion"] = "rumops.dev/v1alpha1",
        ["kind"] = "SamplingPolicy",
        ["metadata"] = new JsonObject { ["name"] = "web-extra", ["namespace"] = Ns, ["labels"] = new JsonObject { ["pipeline"] = "web" } },
        ["spec"] = new JsonObject
        {
            ["priority"] = priority,
            ["rules"] = new JsonArray(new JsonObject { ["match"] = new JsonObject { ["app"] = "storefront" }, ["sessionSampleRate"] = 0.5 }),
        },
    };

    [Fact]
    public async Task Lists_the_pipelines_that_apply_it()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.PutPipeline(p => { p["metadata"]!["name"] = "other"; p["spec"]!["samplingPolicySelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["pipeline"] = "other" } }; });
        h.PutPolicy();

        await h.ReconcilePolicyAsync();

        var status = h.Status(KindRef.SamplingPolicy, "web-default");
        Assert.Equal(["web"], status["pipelines"]!.AsArray().Select(Str));
        Assert.Equal(("True", "Applied"), (Str(Condition(status, "Ready")["status"]), Str(Condition(status, "Ready")["reason"])));
        Assert.Equal("False", Str(Condition(status, "PolicyConflict")["status"]));
        Assert.Empty(ValidateAgainstCrd(h.Get(KindRef.SamplingPolicy, "web-default")));

        h.Cluster.ClearCalls();
        await h.ReconcilePolicyAsync();
        Assert.Empty(h.WriteRequests);
    }

    [Fact]
    public async Task Equal_priority_with_another_applied_policy_is_a_PolicyConflict_until_resolved()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.PutPolicy();
        h.Put(SecondPolicy(priority: 100));

        await h.ReconcilePolicyAsync();
        var conflict = Condition(h.Status(KindRef.SamplingPolicy, "web-default"), "PolicyConflict");
        Assert.Equal(("True", "EqualPriority"), (Str(conflict["status"]), Str(conflict["reason"])));
        Assert.Contains("web-extra", Str(conflict["message"]));
        Assert.Contains("pipeline web", Str(conflict["message"]));

        h.Put(SecondPolicy(priority: 200));
        await h.ReconcilePolicyAsync();
        Assert.Equal("False", Str(Condition(h.Status(KindRef.SamplingPolicy, "web-default"), "PolicyConflict")["status"]));
    }

    [Fact]
    public async Task A_policy_no_pipeline_selects_says_so()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.PutPolicy(p => p["metadata"]!["labels"]!["pipeline"] = "nobody");

        await h.ReconcilePolicyAsync();

        var ready = Condition(h.Status(KindRef.SamplingPolicy, "web-default"), "Ready");
        Assert.Equal(("False", "NotSelected"), (Str(ready["status"]), Str(ready["reason"])));
        Assert.Contains("samplingPolicySelector", Str(ready["message"]));
    }

    [Fact]
    public async Task An_invalid_policy_is_reported_and_left_out_of_every_pipeline()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.PutPolicy(p => p["spec"]!["rules"]![0]!["sessionSampleRate"] = 2.0);

        await h.ReconcilePolicyAsync();
        await h.ReconcilePipelineAsync();

        var ready = Condition(h.Status(KindRef.SamplingPolicy, "web-default"), "Ready");
        Assert.Equal("InvalidSpec", Str(ready["reason"]));
        Assert.Contains("sessionSampleRate", Str(ready["message"]));
        Assert.Empty(h.Status(KindRef.RumPipeline, "web")["appliedPolicies"]!.AsArray());
    }

    [Fact]
    public async Task A_policy_change_reaches_the_pipelines_it_affects_and_rolls_their_config_hash()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        var policy = h.PutPolicy();
        await h.ReconcilePipelineAsync();
        var before = Str(h.Status(KindRef.RumPipeline, "web")["configHash"]);
        var pipelines = new ClusterCache(h.Cluster, KindRef.RumPipeline);

        policy["spec"]!["rules"]![1]!["sessionSampleRate"] = 0.25;
        policy = h.Cluster.Put(policy);
        Assert.Equal([new ObjectKey(Ns, "web")], PolicySelection.PipelinesAffectedBy(policy, pipelines));
        await h.ReconcilePipelineAsync();

        var after = Str(h.Status(KindRef.RumPipeline, "web")["configHash"]);
        Assert.NotEqual(before, after);
        var template = h.Get(KindRef.Deployment, "web-collector")["spec"]!["template"]!;
        Assert.Equal(after, Str(template["metadata"]!["annotations"]![CollectorNames.ConfigHashAnnotation]));
        Assert.Contains("0.25", Str(h.Get(KindRef.ConfigMap, CollectorNames.ConfigMap("web"))["data"]!.AsObject().Single().Value));
        var changed = Assert.Single(h.Cluster.Events, e => Str(e["reason"]) == "ConfigChanged");
        Assert.Contains(after, Str(changed["note"]));

        // Relabelled away: the pipeline applied it before, so it is still told, and drops it.
        policy["metadata"]!["labels"]!["pipeline"] = "elsewhere";
        policy = h.Cluster.Put(policy);
        Assert.Equal([new ObjectKey(Ns, "web")], PolicySelection.PipelinesAffectedBy(policy, pipelines));
        await h.ReconcilePipelineAsync();
        Assert.Empty(h.Status(KindRef.RumPipeline, "web")["appliedPolicies"]!.AsArray());
    }

    /// <summary>A second pipeline selecting the policy that cannot be read (a wrong type in its spec).</summary>
    private static JsonObject UnreadablePipeline()
    {
        var pipeline = Example("pipeline.yaml", "RumPipeline");
        pipeline["metadata"]!["name"] = "a-broken";
        pipeline["spec"]!["ingest"]!["maxBeaconBytes"] = "lots";
        return pipeline;
    }

    [Fact]
    public void A_pipeline_that_cannot_be_read_does_not_stop_the_others_being_enqueued()
    {
        var h = new ControllerHarness();
        h.Put(UnreadablePipeline());
        h.PutPipeline();
        var policy = h.PutPolicy();

        Assert.Equal([new ObjectKey(Ns, "web")], PolicySelection.PipelinesAffectedBy(policy, new ClusterCache(h.Cluster, KindRef.RumPipeline)));
    }

    [Fact]
    public async Task A_pipeline_that_cannot_be_read_does_not_stop_the_policy_reporting_the_others()
    {
        var h = new ControllerHarness();
        h.Put(UnreadablePipeline());
        h.PutPipeline();
        h.PutPolicy();

        await h.ReconcilePolicyAsync();

        Assert.Equal(["web"], h.Status(KindRef.SamplingPolicy, "web-default")["pipelines"]!.AsArray().Select(Str));
    }

    [Fact]
    public void A_policy_nobody_selects_or_applied_enqueues_nothing()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        var policy = h.PutPolicy(p => p["metadata"]!["labels"]!["pipeline"] = "nobody");

        Assert.Empty(PolicySelection.PipelinesAffectedBy(policy, new ClusterCache(h.Cluster, KindRef.RumPipeline)));
    }
}
