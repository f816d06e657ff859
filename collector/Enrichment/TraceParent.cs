namespace RumCollector.Enrichment;

/// <summary>The trace id of a W3C traceparent (version-traceid-parentid-flags), for joining RUM with backend traces.</summary>
public static class TraceParent
{
    public static string? TraceId(string? traceparent)
    {
        if (traceparent is null) return null;
        var text = traceparent.AsSpan().Trim();
        // Five slots: the first four fields exactly; later versions may append more fields, which land in the fifth.
        Span<Range> parts = stackalloc Range[5];
        if (text.Split(parts, '-') < 4) return null;
        ReadOnlySpan<char> version = text[parts[0]], traceId = text[parts[1]], parentId = text[parts[2]], flags = text[parts[3]];
        if (version.Length != 2 || version.SequenceEqual("ff") || !IsHex(version)) return null;
        if (traceId.Length != 32 || !IsHex(traceId) || IsAllZero(traceId)) return null;
        if (parentId.Length != 16 || !IsHex(parentId) || IsAllZero(parentId)) return null;
        if (flags.Length != 2 || !IsHex(flags)) return null;
        return traceId.ToString();
    }

    /// <summary>A sampled version-00 traceparent from a trace id and span id sent apart (Faro's trace context), or null when either is not valid.</summary>
    public static string? Format(string? traceId, string? spanId)
    {
        if (traceId is null || spanId is null) return null;
        var traceparent = $"00-{traceId}-{spanId}-01";
        return TraceId(traceparent) is null ? null : traceparent;
    }

    private static bool IsHex(ReadOnlySpan<char> s) => !s.ContainsAnyExcept(LowerHex);

    private static bool IsAllZero(ReadOnlySpan<char> s) => !s.ContainsAnyExcept('0');

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
}
