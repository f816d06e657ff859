using FluentValidation;
using FluentValidation.Results;
using RumOperator.Api;

namespace RumOperator.Validation;

/// <summary>A validation problem: the field as users write it and the reason.</summary>
public sealed record FieldError(string Field, string Reason)
{
    public override string ToString() => string.IsNullOrEmpty(Field) ? Reason : $"{Field}: {Reason}";
}

/// <summary>The one validator per kind, shared by the CLI, the admission webhook and the reconcilers.</summary>
public static class Validators
{
    public static readonly RumPipelineValidator Pipeline = new();
    public static readonly RumSloValidator Slo = new();
    public static readonly SamplingPolicyValidator SamplingPolicy = new();

    public static IReadOnlyList<FieldError> Validate(RumPipeline p) => ToErrors(Pipeline.Validate(p));
    public static IReadOnlyList<FieldError> Validate(RumSlo s) => ToErrors(Slo.Validate(s));
    public static IReadOnlyList<FieldError> Validate(SamplingPolicy s) => ToErrors(SamplingPolicy.Validate(s));

    private static IReadOnlyList<FieldError> ToErrors(ValidationResult result) =>
        result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).Distinct().ToList();
}
