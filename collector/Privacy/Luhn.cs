namespace RumCollector.Privacy;

/// <summary>The Luhn checksum card numbers carry; it keeps order ids and timestamps from being redacted as cards.</summary>
public static class Luhn
{
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        int sum = 0, digits = 0;
        var doubleIt = false;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is ' ' or '-') continue;
            if (c is < '0' or > '9') return false;
            var d = c - '0';
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            digits++;
            doubleIt = !doubleIt;
        }
        return digits is >= 13 and <= 19 && sum % 10 == 0;
    }
}
