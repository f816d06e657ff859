using RumCollector.Ingest;

namespace RumCollector.Export;

/// <summary>
/// What a queued event keeps alive, in bytes: its object and its strings (UTF-16, with their
/// headers). An estimate that errs high, cheap enough for the request path: it reads lengths only.
/// Strings the collector shares between events (outcome, rating, …) are counted anyway.
/// </summary>
public static class ExportSize
{
    /// <summary>A RumEvent (header and 18 fields) and its slot in the beacon's list.</summary>
    public const int EventObject = 160;

    /// <summary>An ExportContext (header and 16 fields) and the queue item that carries it.</summary>
    public const int ContextObject = 200;

    private const int StringHeader = 24;

    public static long Of(RumEvent e) => EventObject
        + Chars(e.Outcome) + Chars(e.NavigationType) + Chars(e.VitalLabel) + Chars(e.Rating) + Chars(e.Kind)
        + Chars(e.Message) + Chars(e.Stack) + Chars(e.Url) + Chars(e.Initiator) + Chars(e.Party) + Chars(e.Name) + Chars(e.Group)
        + ContextChars(e.Context);

    /// <summary>The event's own context: its dictionary (about 64 bytes an entry) and its keys and values.</summary>
    private static long ContextChars(Dictionary<string, string>? context)
    {
        if (context is null) return 0;
        long bytes = 64L * (context.Count + 1);
        foreach (var (key, value) in context) bytes += Chars(key) + Chars(value);
        return bytes;
    }

    public static long Of(ExportContext c) => ContextObject
        + Chars(c.App) + Chars(c.Release) + Chars(c.Route) + Chars(c.SessionId) + Chars(c.UserIdHash) + Chars(c.PageUrl)
        + Chars(c.Referrer) + Chars(c.Device) + Chars(c.Browser) + Chars(c.Os) + Chars(c.Country) + Chars(c.TraceId)
        + Chars(c.ClientIp) + Chars(c.Consent);

    private static long Chars(string? s) => s is null ? 0 : StringHeader + 2L * s.Length;
}
