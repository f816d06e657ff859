using System.Linq.Expressions;
using System.Text.Json;
using FluentValidation;

namespace RumOperator.Validation;

/// <summary>
/// Makes FluentValidation name fields as users write them (spec.sli.vital.threshold), not as
/// C# names them (Spec.Sli.Vital.Threshold), so the CLI, the webhook and status say the same.
/// </summary>
public static class ValidationPaths
{
    private static int configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1) return;
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
        {
            if (expression is LambdaExpression lambda && Chain(lambda.Body) is { Count: > 0 } chain)
                return string.Join('.', chain);
            return member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        };
        ValidatorOptions.Global.DisplayNameResolver = (_, _, _) => null;
    }

    private static List<string> Chain(Expression expression)
    {
        var parts = new List<string>();
        while (expression is MemberExpression m)
        {
            parts.Insert(0, JsonNamingPolicy.CamelCase.ConvertName(m.Member.Name));
            expression = m.Expression!;
        }
        return parts;
    }
}
