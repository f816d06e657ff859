using System.Text.RegularExpressions;
using FluentValidation;
using RumOperator.Api;

namespace RumOperator.Validation;

/// <summary>Reusable rules, each with a reason a user can act on.</summary>
public static partial class ValidationRules
{
    [GeneratedRegex(Patterns.LabelName)] public static partial Regex LabelName();
    [GeneratedRegex(Patterns.DnsLabel)] public static partial Regex DnsLabel();
    [GeneratedRegex(Patterns.DnsSubdomain)] public static partial Regex DnsSubdomain();

    /// <summary>A route template: starts with '/', segments literal or :param, no query or fragment.</summary>
    [GeneratedRegex(@"^/([A-Za-z0-9._~-]+|:[A-Za-z_][A-Za-z0-9_]*|\*)?(/([A-Za-z0-9._~-]+|:[A-Za-z_][A-Za-z0-9_]*|\*))*/?$")]
    public static partial Regex RouteTemplate();

    public static IRuleBuilderOptions<T, string?> MustBeDuration<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || PromDuration.TryParse(v, out var d) && d > TimeSpan.Zero)
            .WithMessage((_, v) => $"'{v}' is not a positive duration such as 30s, 5m, 1h or 28d");

    public static IRuleBuilderOptions<T, string?> MustBeLabelName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is not null && LabelName().IsMatch(v) && !v.StartsWith("__", StringComparison.Ordinal))
            .WithMessage((_, v) => $"'{v}' is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");

    public static IRuleBuilderOptions<T, string?> MustBeObjectName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("is required")
            .Must(v => v is null || v.Length <= 253 && DnsSubdomain().IsMatch(v))
            .WithMessage((_, v) => $"'{v}' is not a valid object name (lowercase RFC 1123: a-z, 0-9, '-', '.')");

    public static IRuleBuilderOptions<T, string?> MustBeHttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || Uri.TryCreate(v, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https"))
            .WithMessage((_, v) => $"'{v}' is not an http(s) URL");

    public static void MustBeSelector<T>(this IRuleBuilder<T, LabelSelector?> rule) =>
        rule.ChildRules(s => s.RuleForEach(x => x!.MatchExpressions!).ChildRules(e =>
        {
            e.RuleFor(x => x.Key).NotEmpty().WithMessage("is required");
            e.RuleFor(x => x.Operator).Must(o => o is "In" or "NotIn" or "Exists" or "DoesNotExist")
                .WithMessage((_, o) => $"'{o}' is not one of In, NotIn, Exists, DoesNotExist");
            e.RuleFor(x => x.Values).Must((x, v) => x.Operator is "Exists" or "DoesNotExist" ? v is null or { Count: 0 } : v is { Count: > 0 })
                .WithMessage("must be set for In and NotIn, and empty for Exists and DoesNotExist");
        }));
}
