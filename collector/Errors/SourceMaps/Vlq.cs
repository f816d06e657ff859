namespace RumCollector.Errors.SourceMaps;

/// <summary>Base64 VLQ as source map v3 uses it: 5 data bits per digit, continuation bit 32, sign in the lowest bit.</summary>
public static class Vlq
{
    private static readonly sbyte[] Digits = BuildDigits();

    /// <summary>Reads one value at <paramref name="position"/> and moves past it; false on a bad digit, a cut value or overflow.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, ref int position, out int value)
    {
        value = 0;
        long result = 0;
        var shift = 0;
        while (true)
        {
            if (position >= text.Length || shift > 30) return false;
            var c = text[position++];
            var digit = c < 128 ? Digits[c] : (sbyte)-1;
            if (digit < 0) return false;
            result |= (long)(digit & 31) << shift;
            shift += 5;
            if ((digit & 32) == 0) break;
        }
        var magnitude = result >> 1;
        if (magnitude > int.MaxValue) return false;
        value = (result & 1) == 1 ? -(int)magnitude : (int)magnitude;
        return true;
    }

    private static sbyte[] BuildDigits()
    {
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++) digits[alphabet[i]] = (sbyte)i;
        return digits;
    }
}
