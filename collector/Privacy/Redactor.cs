using System.Text.RegularExpressions;
using RumOperator.Api;

namespace RumCollector.Privacy;

/// <summary>
/// Replaces personal data in free text (URLs, messages, stack traces) with a placeholder naming
/// what was removed, e.g. [email]. Only the kinds the pipeline enables are applied.
/// </summary>
public sealed partial class Redactor
{
    // Order matters: tokens and emails first so a phone or IP pattern never eats part of them.
    private static readonly (RedactionKind Kind, Func<Regex> Pattern, string Placeholder)[] Rules =
    [
        (RedactionKind.BearerToken, BearerPattern, "Bearer [token]"),
        (RedactionKind.Jwt, JwtPattern, "[jwt]"),
        (RedactionKind.Email, EmailPattern, "[email]"),
        (RedactionKind.CreditCard, CardPattern, "[card]"),
        (RedactionKind.IpAddress, Ipv4Pattern, "[ip]"),
        (RedactionKind.IpAddress, Ipv6Pattern, "[ip]"),
        (RedactionKind.Phone, PhonePattern, "[phone]"),
    ];

    private readonly (RedactionKind Kind, Func<Regex> Pattern, string Placeholder)[] _active;

    public Redactor(IEnumerable<RedactionKind> kinds)
    {
        var set = kinds.ToHashSet();
        _active = Rules.Where(r => set.Contains(r.Kind)).ToArray();
    }

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var result = text;
        foreach (var (kind, pattern, placeholder) in _active)
        {
            result = kind == RedactionKind.CreditCard
                ? pattern().Replace(result, m => Luhn.IsValid(m.Value) ? placeholder : m.Value)
                : pattern().Replace(result, placeholder);
        }
        return result;
    }

    [GeneratedRegex(@"(?i)\bbearer\s+[A-Za-z0-9\-._~+/]+=*")] private static partial Regex BearerPattern();
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")] private static partial Regex JwtPattern();
    [GeneratedRegex(@"[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}")] private static partial Regex EmailPattern();
    [GeneratedRegex(@"(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])")] private static partial Regex CardPattern();
    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])")] private static partial Regex Ipv4Pattern();
    [GeneratedRegex(@"(?i)(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![0-9a-f:])")] private static partial Regex Ipv6Pattern();
    // International (+44 20 7946 0958) or grouped national (555-123-4567, (555) 123 4567) numbers; bare digit runs are ids, not phones.
    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){1,4}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w])")] private static partial Regex PhonePattern();
}
