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
}
