namespace RumCollector.Enrichment;

/// <summary>The trace id of a W3C traceparent (version-traceid-parentid-flags), for joining RUM with backend traces.</summary>
public static class TraceParent
{
    public static string? TraceId(string? traceparent)
    {
        if (traceparent is null) return null;
        var parts = traceparent.Trim().Split('-');
        if (parts.Length < 4 || parts[0].Length != 2 || parts[0] == "ff" || !IsHex(parts[0])) return null;
        if (parts[1].Length != 32 || !IsHex(parts[1]) || parts[1].All(c => c == '0')) return null;
        if (parts[2].Length != 16 || !IsHex(parts[2]) || parts[2].All(c => c == '0')) return null;
        if (parts[3].Length != 2 || !IsHex(parts[3])) return null;
        return parts[1];
    }

    private static bool IsHex(string s) => s.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
}
