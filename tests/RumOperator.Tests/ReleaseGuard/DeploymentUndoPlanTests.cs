using System.Text.Json.Nodes;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.Client;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard;

public class DeploymentUndoPlanTests
{
    private static JsonObject Live(JsonObject deployment, string uid = "uid-storefront", string rv = "41")
    {
        ObjectMeta.Metadata(deployment)["uid"] = uid;
        ObjectMeta.Metadata(deployment)["resourceVersion"] = rv;
        return deployment;
    }

    [Fact]
    public void Takes_the_previous_revision_and_strips_pod_template_hash()
    {
        var deployment = Live(Deployment("2.0", revision: 3));
        // The current template carries a label the old one lacked: the undo must remove it, not merge it.
        deployment["spec"]!["template"]!["metadata"]!["labels"]!["canary"] = "true";
        var history = new[]
        {
            ReplicaSet(deployment, 1, "0.9", "aaa"),
            ReplicaSet(deployment, 3, "2.0", "ccc"),
            ReplicaSet(deployment, 2, "1.0", "bbb"),
        };

        var plan = DeploymentUndoPlan.Create(deployment, history, "2.0", ReleaseLabel);

        Assert.Null(plan.Refusal);
        Assert.Equal((2L, "1.0"), (plan.ToRevision, plan.ToRelease));
        Assert.Equal("41", plan.Patch!["metadata"]!["resourceVersion"]!.GetValue<string>());
        var patched = (JsonObject)JsonMergePatch.Apply(deployment, plan.Patch)!;
        Assert.True(JsonNode.DeepEquals(Template("1.0", hash: null), patched["spec"]!["template"]),
            patched["spec"]!["template"]!.ToJsonString());
        Assert.Null(patched["spec"]!["template"]!["metadata"]!["labels"]!["pod-template-hash"]);
        Assert.Null(patched["spec"]!["template"]!["metadata"]!["labels"]!["canary"]);
    }

    [Fact]
    public void Ignores_replica_sets_of_other_deployments()
    {
        var deployment = Live(Deployment("2.0", revision: 2));
        var other = Live(Deployment("0.1", revision: 5, name: "checkout"), uid: "uid-checkout");
        var history = new[] { ReplicaSet(deployment, 2, "2.0", "bbb"), ReplicaSet(other, 1, "0.1", "zzz") };

        var plan = DeploymentUndoPlan.Create(deployment, history, "2.0", ReleaseLabel);

        Assert.Contains("no previous revision", plan.Refusal);
        Assert.Null(plan.Patch);
    }

    public static TheoryData<string, bool, string, string> Refusals => new()
    {
        { "paused", true, "2.0", "is paused" },
        { "release moved on", false, "3.0", "runs release '2.0'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refuses(string why, bool paused, string release, string expected)
    {
        var deployment = Live(Deployment("2.0", revision: 2, paused: paused));
        var history = new[] { ReplicaSet(deployment, 1, "1.0", "aaa"), ReplicaSet(deployment, 2, "2.0", "bbb") };

        var plan = DeploymentUndoPlan.Create(deployment, history, release, ReleaseLabel);

        Assert.True(plan.Refusal?.Contains(expected) == true, $"{why}: {plan.Refusal}");
        Assert.Null(plan.Patch);
    }

    public static TheoryData<string, string, string> Diffs => new()
    {
        { """{"a":1,"b":{"c":2,"d":3}}""", """{"a":1,"b":{"c":2}}""", """{"b":{"d":null}}""" },
        { """{"a":[1,2]}""", """{"a":[2]}""", """{"a":[2]}""" },
        { """{"a":{"x":1}}""", """{"a":"flat","n":{"y":2}}""", """{"a":"flat","n":{"y":2}}""" },
        { """{"same":{"x":1}}""", """{"same":{"x":1}}""", """{}""" },
    };

    [Theory]
    [MemberData(nameof(Diffs))]
    public void Merge_patch_diff_turns_from_into_to(string from, string to, string expected)
    {
        var patch = MergePatchDiff.Create(JsonNode.Parse(from)!.AsObject(), JsonNode.Parse(to)!.AsObject());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), patch), patch.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(to), JsonMergePatch.Apply(JsonNode.Parse(from), patch)));
    }
}
