using FluentValidation;
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
        RuleForEach(x => x.Spec.AlwaysKeep.SlowerThan).Custom((kv, ctx) =>
        {
            if (!Enum.TryParse<VitalName>(kv.Key, ignoreCase: true, out var name))
                ctx.AddFailure($"spec.alwaysKeep.slowerThan.{kv.Key}", $"'{kv.Key}' is not one of lcp, fcp, inp, ttfb, cls");
            else if (!RumMetrics.TryParseVitalValue(RumMetrics.ForVital(name), kv.Value, out _))
                ctx.AddFailure($"spec.alwaysKeep.slowerThan.{kv.Key}", $"'{kv.Value}' is not a positive threshold such as 4s");
        });
        RuleFor(x => x.Spec.Adaptive!.TargetEventsPerSecond).GreaterThan(0).WithMessage("must be positive").When(x => x.Spec.Adaptive is not null);
        RuleFor(x => x.Spec.Adaptive!.MinRate).InclusiveBetween(0, 1).WithMessage("must be between 0 and 1").When(x => x.Spec.Adaptive is not null);
    }
}
