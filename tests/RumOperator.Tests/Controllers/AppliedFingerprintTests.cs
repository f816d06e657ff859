using System.Text.Json.Nodes;
using RumOperator.Controllers;

namespace RumOperator.Tests.Controllers;

public sealed class AppliedFingerprintTests
{
    private static JsonObject Desired() => JsonNode.Parse("""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"n","labels":{"a":"1"}},
         "spec":{"ports":[{"name":"http","port":80}],"selector":{"app":"x"}}}
        """)!.AsObject();

    private static JsonObject Live(JsonObject stamped, Action<JsonObject> edit)
    {
        var live = stamped.DeepClone().AsObject();
        edit(live);
        return live;
    }

    public static TheoryData<string, Action<JsonObject>, bool> Cases => new()
    {
        { "identical", _ => { }, true },
        { "server defaults and other managers' fields", l => { l["spec"]!["ports"]![0]!["protocol"] = "TCP"; l["metadata"]!["labels"]!["team"] = "t"; l["status"] = new JsonObject(); }, true },
        { "an owned value edited", l => l["spec"]!["ports"]![0]!["port"] = 81, false },
        { "an owned field removed", l => l["spec"]!.AsObject().Remove("selector"), false },
        { "a list grown", l => l["spec"]!["ports"]!.AsArray().Add(new JsonObject { ["port"] = 9 }), false },
        { "applied from a different desired state", l => l["metadata"]!["annotations"]![AppliedFingerprint.Annotation] = "0000", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_apply_is_skipped_only_when_the_live_object_already_holds_it(string _, Action<JsonObject> edit, bool satisfied)
    {
        var stamped = AppliedFingerprint.Stamp(Desired());

        Assert.Equal(satisfied, AppliedFingerprint.IsSatisfiedBy(stamped, Live(stamped, edit)));
    }

    [Fact]
    public void Dropping_a_field_from_the_desired_state_changes_the_stamp()
    {
        var full = AppliedFingerprint.Stamp(Desired());
        var smaller = Desired();
        smaller["spec"]!.AsObject().Remove("selector");

        // The live object still covers the smaller desired state, but only an apply removes the dropped field.
        Assert.False(AppliedFingerprint.IsSatisfiedBy(AppliedFingerprint.Stamp(smaller), full));
        Assert.False(AppliedFingerprint.IsSatisfiedBy(full, null));
    }
}
