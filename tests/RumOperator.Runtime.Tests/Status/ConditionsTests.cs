using System.Text.Json.Nodes;
using RumOperator.Runtime.Status;

namespace RumOperator.Runtime.Tests.Status;

public class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Ready = "Ready";
    private const string Progressing = "Progressing";
    private const string Degraded = "Degraded";

    private static JsonObject True(string type, string reason, string message, long generation) => Condition(type, "True", reason, message, generation);
    private static JsonObject False(string type, string reason, string message, long generation) => Condition(type, "False", reason, message, generation);

    private static JsonObject Condition(string type, string status, string reason, string message, long generation) => new()
    {
        ["type"] = type, ["status"] = status, ["observedGeneration"] = generation, ["reason"] = reason, ["message"] = message,
    };

    [Fact]
    public void Setting_the_same_condition_again_changes_nothing()
    {
        var status = new JsonObject();
        Assert.True(Conditions.Set(status, True(Ready, "Available", "ok", 3), T0));
        var before = status.DeepClone();
        Assert.False(Conditions.Set(status, True(Ready, "Available", "ok", 3), T0.AddHours(1)));
        Assert.True(JsonNode.DeepEquals(before, status));
    }

    [Fact]
    public void Transition_time_moves_only_when_status_flips()
    {
        var status = new JsonObject();
        Conditions.Set(status, True(Ready, "Available", "ok", 1), T0);
        Conditions.Set(status, True(Ready, "Available", "still ok", 2), T0.AddMinutes(5));
        Assert.Equal("2025-01-01T00:00:00Z", Conditions.Get(status, Ready)!["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal(2, Conditions.Get(status, Ready)!["observedGeneration"]!.GetValue<long>());

        Conditions.Set(status, False(Ready, "Unavailable", "down", 2), T0.AddMinutes(10));
        Assert.Equal("2025-01-01T00:10:00Z", Conditions.Get(status, Ready)!["lastTransitionTime"]!.GetValue<string>());
        Assert.False(Conditions.IsTrue(status, Ready));
    }

    [Fact]
    public void Conditions_of_different_types_coexist()
    {
        var status = new JsonObject();
        Conditions.Set(status, True(Ready, "A", "", 1), T0);
        Conditions.Set(status, False(Degraded, "B", "", 1), T0);
        Conditions.Set(status, True(Progressing, "C", "", 1), T0);
        Assert.Equal(3, status["conditions"]!.AsArray().Count);
        Assert.True(Conditions.IsTrue(status, Progressing));
    }

    [Fact]
    public void An_existing_condition_from_the_server_compares_regardless_of_property_order()
    {
        var status = JsonNode.Parse("""
            {"conditions":[{"message":"ok","reason":"Available","lastTransitionTime":"2024-01-01T00:00:00Z",
              "observedGeneration":1,"status":"True","type":"Ready"}]}
            """)!.AsObject();
        Assert.False(Conditions.Set(status, True(Ready, "Available", "ok", 1), T0));
    }
}
