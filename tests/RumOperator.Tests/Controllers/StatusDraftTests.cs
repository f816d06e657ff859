using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Controllers;

namespace RumOperator.Tests.Controllers;

/// <summary>Status is written through the typed status classes with the custom resources' JSON names and formats.</summary>
public sealed class StatusDraftTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, 250, TimeSpan.Zero);

    private static JsonObject Resource(JsonObject? status = null) => new()
    {
        ["apiVersion"] = "rumops.dev/v1alpha1",
        ["kind"] = "RumSLO",
        ["metadata"] = new JsonObject { ["name"] = "slo", ["namespace"] = "shop" },
        ["status"] = status,
    };

    [Fact]
    public void Typed_fields_are_sent_under_their_wire_names_and_only_when_they_change()
    {
        var draft = new StatusDraft<RumSloStatus>(Resource(new JsonObject { ["sliKind"] = "vital", ["lastKnownGoodRelease"] = "1.0" }), Now);

        draft.Set(s => s.SliKind, "vital");
        draft.Set(s => s.RecordingRules, 12);
        draft.Set(s => s.BurnRates, new Dictionary<string, string> { ["5m"] = "1.5" });

        Assert.Equal("""{"recordingRules":12,"burnRates":{"5m":"1.5"}}""", draft.Patch!.ToJsonString());
        Assert.Equal("vital", draft.Was(s => s.SliKind));
        Assert.True(draft.Changes(s => s.BurnRates));
        Assert.False(draft.Changes(s => s.SliKind));
    }

    [Fact]
    public void Null_removes_a_field_that_is_set_and_sends_nothing_for_one_that_is_not()
    {
        var draft = new StatusDraft<RumSloStatus>(Resource(new JsonObject { ["currentSli"] = "99.1" }), Now);

        draft.Set(s => s.CurrentSli, null);
        draft.Set(s => s.BurnRates, null);

        Assert.Equal("""{"currentSli":null}""", draft.Patch!.ToJsonString());
    }

    [Fact]
    public void Conditions_keep_the_metav1_field_order_and_times_are_written_to_the_second()
    {
        var draft = new StatusDraft<RumPipelineStatus>(Resource(), Now);

        draft.SetCondition(Condition.True(ConditionTypes.Ready, "CollectorsReady", "2/2 collector replicas ready", 3));

        var condition = draft.Patch!["conditions"]![0]!.AsObject();
        Assert.Equal(["type", "status", "observedGeneration", "lastTransitionTime", "reason", "message"], condition.Select(p => p.Key));
        Assert.Equal("2025-03-01T12:00:00Z", condition["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal(3, condition["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public void Times_are_written_as_the_API_server_writes_them()
    {
        var draft = new StatusDraft<RumSloStatus>(Resource(), Now);

        draft.Set(s => s.LastEvaluated, new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc));

        Assert.Equal("""{"lastEvaluated":"2025-03-01T12:00:00Z"}""", draft.Patch!.ToJsonString());
        Assert.Equal(new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc), new StatusDraft<RumSloStatus>(Resource(draft.Patch), Now).Was(s => s.LastEvaluated));
    }

    [Fact]
    public void An_unchanged_draft_writes_nothing()
    {
        var first = new StatusDraft<SamplingPolicyStatus>(Resource(), Now);
        first.Set(s => s.ObservedGeneration, 2);
        first.Set(s => s.Pipelines, ["web"]);
        first.SetCondition(Condition.False(ConditionTypes.PolicyConflict, "NoConflict", "", 2));

        var again = new StatusDraft<SamplingPolicyStatus>(Resource(first.Patch), Now.AddMinutes(5));
        again.Set(s => s.ObservedGeneration, 2);
        again.Set(s => s.Pipelines, ["web"]);
        again.SetCondition(Condition.False(ConditionTypes.PolicyConflict, "NoConflict", "", 2));

        Assert.Null(again.Patch);
    }
}
