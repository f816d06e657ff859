using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Serialization;
using RumOperator.Validation;
using static RumOperator.Tests.Controllers.ControllerHarness;

namespace RumOperator.Tests.Validation;

/// <summary>The one way JSON becomes a custom resource: strict or lenient as the caller says, never a throw, the field and reason on failure.</summary>
public sealed class ResourceJsonTests
{
    private static JsonObject Slo(Action<JsonObject> edit)
    {
        var slo = Example("slo-checkout-lcp.yaml", "RumSLO");
        edit(slo);
        return slo;
    }

    [Fact]
    public void An_unknown_field_is_an_error_naming_it_when_strict_and_skipped_when_lenient()
    {
        var json = Slo(s => s["spec"]!["objectiv"] = 99);

        Assert.Equal(new FieldError("spec.objectiv", "unknown field"), ResourceJson.Read<RumSlo>(json, Strictness.Strict).Error);
        var (slo, error) = ResourceJson.Read<RumSlo>(json, Strictness.Lenient);
        Assert.Null(error);
        Assert.Equal(99.0m, slo!.Spec.Objective);
    }

    [Fact]
    public void A_wrong_type_names_the_field_and_what_it_expects()
    {
        var (slo, error) = ResourceJson.Read<RumSlo>(Slo(s => s["spec"]!["objective"] = "very high"), Strictness.Lenient);

        Assert.Null(slo);
        Assert.Equal(new FieldError("spec.objective", "has the wrong type or value (expected a number)"), error);
    }

    [Fact]
    public void Status_others_write_fails_a_read_only_when_the_caller_reads_it()
    {
        var json = Slo(s => s["status"] = new JsonObject { ["rollbacks"] = "not a list" });

        Assert.Equal("status.rollbacks", ResourceJson.Read<RumSlo>(json, Strictness.Lenient).Error!.Field);
        var (slo, error) = ResourceJson.Read<RumSlo>(json, Strictness.Lenient, ignoreStatus: true);
        Assert.Null(error);
        Assert.Null(slo!.Status);
        Assert.NotNull(json["status"]); // the caller's object is left as it was
    }

    [Fact]
    public void Something_that_is_no_object_is_an_error_not_a_throw()
    {
        Assert.NotNull(ResourceJson.Read<RumPipeline>(new JsonArray(1, 2), Strictness.Strict).Error);
        Assert.NotNull(ResourceJson.Read<RumPipeline>(JsonValue.Create("pipeline"), Strictness.Lenient).Error);
    }

    [Fact]
    public void Validation_errors_come_back_with_no_resource()
    {
        var (slo, errors) = ResourceJson.ReadValid<RumSlo>(Slo(s => s["spec"]!["objective"] = 120), Strictness.Strict, Validators.Validate);

        Assert.Null(slo);
        Assert.Contains(errors, e => e.Field == "spec.objective");
    }
}
