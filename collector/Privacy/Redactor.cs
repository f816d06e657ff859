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
    // MayMatch is what a match needs at least (see the patterns below). It holds on the original text
    // whenever it holds after earlier replacements, because placeholders add none of what it counts.
    private static readonly Rule[] Rules =
    [
        new(RedactionKind.BearerToken, BearerPattern, "Bearer [token]", s => s.Bearer),
        new(RedactionKind.Jwt, JwtPattern, "[jwt]", s => s.JwtStart),
        new(RedactionKind.Email, EmailPattern, "[email]", s => s.At || s.Percent40),
        new(RedactionKind.CreditCard, CardPattern, "[card]", s => s.Digits >= 13),
        new(RedactionKind.IpAddress, Ipv4Pattern, "[ip]", s => s.DigitDotDigit >= 3),
        new(RedactionKind.IpAddress, Ipv6Pattern, "[ip]", s => s.Colons >= 7 || s.DoubleColon),
        new(RedactionKind.Phone, PhonePattern, "[phone]", s => s.Digits >= 10 || (s.Plus && s.Digits >= 5)),
    ];

    private readonly Rule[] _active;

    public Redactor(IEnumerable<RedactionKind> kinds)
    {
        var set = kinds.ToHashSet();
        _active = Rules.Where(r => set.Contains(r.Kind)).ToArray();
    }

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || _active.Length == 0) return text;
        var scan = RedactionScan.Of(text);
        var result = text;
        foreach (var rule in _active)
            if (!scan.Ascii || rule.MayMatch(scan)) result = rule.Apply(result);
        return result;
    }

    /// <summary>Every enabled pattern, no pre-scan: the reference <see cref="Redact"/> must agree with.</summary>
    internal string? RedactWithoutScan(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var result = text;
        foreach (var rule in _active) result = rule.Apply(result);
        return result;
    }

    private sealed record Rule(RedactionKind Kind, Func<Regex> Pattern, string Placeholder, Func<RedactionScan, bool> MayMatch)
    {
        public string Apply(string text) => Kind == RedactionKind.CreditCard
            ? Pattern().Replace(text, m => Luhn.IsValid(m.Value) ? Placeholder : m.Value)
            : Pattern().Replace(text, Placeholder);
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
