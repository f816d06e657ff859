using RumCollector.Ingest;

namespace RumCollector.Export;

/// <summary>What every exported event of one beacon shares, after privacy and enrichment.</summary>
public sealed record ExportContext(
    string App, string? Release, string Route, string SessionId, string? UserIdHash, string? PageUrl, string? Referrer,
    string Device, string Browser, string Os, string Country, string? TraceId, string? ClientIp, double SampleRate, string Consent,
    DateTimeOffset ReceivedAt);

/// <summary>One sampled raw event on its way to the sinks; already stripped of personal data.</summary>
public sealed record ExportEvent(ExportContext Context, RumEvent Event, DateTimeOffset Timestamp, bool ClockAdjusted)
{
    /// <summary>An accepted event with its client timestamp bounded by the receive time (see <see cref="IngestPipeline.BoundedTimestamp"/>).</summary>
    public static ExportEvent For(ExportContext context, RumEvent e)
    {
        var (timestamp, adjusted) = IngestPipeline.BoundedTimestamp(e.Ts, context.ReceivedAt);
        return new ExportEvent(context, e, timestamp, adjusted);
    }

    public bool IsError => Event.Type == EventType.Error
        || (Event.Type == EventType.PageView && Event.Outcome == "error")
        || (Event.Type == EventType.Transaction && Event.Outcome == "failure");

    /// <summary>The event as flat name/value pairs (nulls left out), shared by the JSON Lines and OTLP writers.</summary>
    public IEnumerable<(string Name, object Value)> Fields()
    {
        var c = Context;
        var e = Event;
        (string, object?)[] all =
        [
            ("type", RumEvent.TypeName(e.Type)), ("app", c.App), ("release", c.Release), ("route", c.Route),
            ("session.id", c.SessionId), ("user.hash", c.UserIdHash), ("page.url", c.PageUrl), ("page.referrer", c.Referrer),
            ("device", c.Device), ("browser", c.Browser), ("os", c.Os), ("country", c.Country), ("trace.id", c.TraceId),
            ("client.ip", c.ClientIp), ("session.sampleRate", c.SampleRate), ("consent", c.Consent),
            ("clientClockAdjusted", ClockAdjusted ? true : null),
            ("outcome", e.Outcome), ("status", e.Status), ("navigationType", e.NavigationType), ("vital", e.VitalLabel),
            ("value", e.Value), ("rating", e.Rating), ("kind", e.Kind), ("message", e.Message), ("stack", e.Stack),
            ("firstInSession", e.Type == EventType.Error ? e.FirstInSession : null), ("url", e.Url), ("initiator", e.Initiator),
            ("duration", e.Duration), ("party", e.Party), ("name", e.Name), ("group", e.Group),
        ];
        foreach (var (name, value) in all)
            if (value is not null) yield return (name, value);
        foreach (var (key, value) in e.Context ?? [])
            yield return ("context." + key, value);
    }
}
