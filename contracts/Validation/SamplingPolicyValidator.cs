using FluentValidation;
using FluentValidation.Results;
using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.Validation;

public sealed class SamplingPolicyValidator : AbstractValidator<SamplingPolicy>
{
    public SamplingPolicyValidator()
    {
        ValidationPaths.Configure();
        RuleFor(x => x.Metadata.Name).MustBeObjectName();
        RuleFor(x => x.Spec.Priority).InclusiveBetween(0, 1000000).WithMessage("must be between 0 and 1000000");
        RuleFor(x => x.Spec.Rules).NotEmpty().WithMessage("at least one rule is required");
        RuleForEach(x => x.Spec.Rules).ChildRules(rule =>
        {
            rule.RuleFor(r => r.SessionSampleRate).InclusiveBetween(0, 1).WithMessage("must be between 0 and 1");
            rule.RuleFor(r => r.Match.Route).Must(r => r is null || r.StartsWith('/'))
                .WithMessage((_, r) => $"'{r}' must start with '/' (a route template, or a prefix ending in *)");
        });
        RuleFor(x => x.Spec.AlwaysKeep.SlowerThan).Custom((map, ctx) =>
        {
            foreach (var (key, value) in map ?? [])
                if (!Enum.TryParse<VitalName>(key, ignoreCase: true, out var name))
                    ctx.AddFailure(new ValidationFailure($"spec.alwaysKeep.slowerThan.{key}", $"'{key}' is not one of lcp, fcp, inp, ttfb, cls"));
                else if (!RumMetrics.TryParseVitalValue(RumMetrics.ForVital(name), value, out _))
                    ctx.AddFailure(new ValidationFailure($"spec.alwaysKeep.slowerThan.{key}", $"'{value}' is not a positive threshold such as 4s"));
        });
        RuleFor(x => x.Spec.Adaptive!.TargetEventsPerSecond).GreaterThan(0).WithMessage("must be positive").When(x => x.Spec.Adaptive is not null);
        RuleFor(x => x.Spec.Adaptive!.MinRate).InclusiveBetween(0, 1).WithMessage("must be between 0 and 1").When(x => x.Spec.Adaptive is not null);
    }
}
