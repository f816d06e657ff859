using System.Buffers;

namespace RumCollector.Privacy;

/// <summary>
/// What one pass over a text finds of the characters the redaction patterns need at least (digits,
/// dotted digits, colons, '@', "eyJ", "bearer"…), so a pattern that cannot match is not run. Most URLs,
/// messages and stacks hold no personal data, and a scan is far cheaper than seven regexes.
/// Exact only for ASCII text: there \d and (?i) match nothing beyond ASCII. For other text
/// <see cref="Ascii"/> is false and every pattern runs.
/// </summary>
/// <param name="DigitDotDigit">Occurrences of a digit, a dot and a digit in a row: an IPv4 address has three.</param>
public readonly record struct RedactionScan(bool Ascii, int Digits, int DigitDotDigit, int Colons, bool DoubleColon, bool At, bool Plus, bool Percent40, bool JwtStart, bool Bearer)
{
    private static readonly SearchValues<char> Counted = SearchValues.Create("0123456789:@+");
    private static readonly SearchValues<string> BearerWord = SearchValues.Create(["bearer"], StringComparison.OrdinalIgnoreCase);

    public static RedactionScan Of(ReadOnlySpan<char> text)
    {
        if (!System.Text.Ascii.IsValid(text)) return default;
        int digits = 0, digitDotDigit = 0, colons = 0;
        bool doubleColon = false, at = false, plus = false;
        // Jumps (vectorised) from one counted character to the next; the letters between cost nothing.
        for (var i = text.IndexOfAny(Counted); i >= 0; i = Next(text, i))
        {
            switch (text[i])
            {
                case >= '0' and <= '9':
                    digits++;
                    if (i >= 2 && text[i - 1] == '.' && char.IsAsciiDigit(text[i - 2])) digitDotDigit++;
                    break;
                case ':': colons++; doubleColon |= i >= 1 && text[i - 1] == ':'; break;
                case '@': at = true; break;
                case '+': plus = true; break;
            }
        }
        return new RedactionScan(true, digits, digitDotDigit, colons, doubleColon, at, plus,
            text.Contains("%40", StringComparison.Ordinal), text.Contains("eyJ", StringComparison.Ordinal), text.ContainsAny(BearerWord));
    }

    private static int Next(ReadOnlySpan<char> text, int at)
    {
        var next = text[(at + 1)..].IndexOfAny(Counted);
        return next < 0 ? -1 : at + 1 + next;
    }
}
