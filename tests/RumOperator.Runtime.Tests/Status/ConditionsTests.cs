using System.Text.Json.Nodes;
using RumOperator.Runtime.Status;

namespace RumOperator.Runtime.Tests.Status;

public class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Setting_the_same_condition_again_changes_nothing()
    {
        var status = new JsonObject();
        Assert.True(Conditions.Set(status, Condition.True(ConditionTypes.Ready, "Available", "ok", 3), T0));
        var before = status.DeepClone();
        Assert.False(Conditions.Set(status, Condition.True(ConditionTypes.Ready, "Available", "ok", 3), T0.AddHours(1)));
        Assert.True(JsonNode.DeepEquals(before, status));
    }

    [Fact]
    public void Transition_time_moves_only_when_status_flips()
    {
        var status = new JsonObject();
        Conditions.Set(status, Condition.True(ConditionTypes.Ready, "Available", "ok", 1), T0);
        Conditions.Set(status, Condition.True(ConditionTypes.Ready, "Available", "still ok", 2), T0.AddMinutes(5));
        Assert.Equal("2025-01-01T00:00:00Z", Conditions.Get(status, ConditionTypes.Ready)!["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal(2, Conditions.Get(status, ConditionTypes.Ready)!["observedGeneration"]!.GetValue<long>());

        Conditions.Set(status, Condition.False(ConditionTypes.Ready, "Unavailable", "down", 2), T0.AddMinutes(10));
        Assert.Equal("2025-01-01T00:10:00Z", Conditions.Get(status, ConditionTypes.Ready)!["lastTransitionTime"]!.GetValue<string>());
        Assert.False(Conditions.IsTrue(status, ConditionTypes.Ready));
    }

    [Fact]
    public void Conditions_of_different_types_coexist()
    {
        var status = new JsonObject();
        Conditions.Set(status, Condition.True(ConditionTypes.Ready, "A", "", 1), T0);
        Conditions.Set(status, Condition.False(ConditionTypes.Degraded, "B", "", 1), T0);
        Conditions.Set(status, Condition.True(ConditionTypes.Progressing, "C", "", 1), T0);
        Assert.Equal(3, status["conditions"]!.AsArray().Count);
        Assert.True(Conditions.IsTrue(status, ConditionTypes.Progressing));
    }

    [Fact]
    public void An_existing_condition_from_the_server_compares_regardless_of_property_order()
    {
        var status = JsonNode.Parse("""
            {"conditions":[{"message":"ok","reason":"Available","lastTransitionTime":"2024-01-01T00:00:00Z",
              "observedGeneration":1,"status":"True","type":"Ready"}]}
            """)!.AsObject();
        Assert.False(Conditions.Set(status, Condition.True(ConditionTypes.Ready, "Available", "ok", 1), T0));
    }
}
