using RumCollector.Config;
using RumCollector.Enrichment;
using RumCollector.Errors;
using RumCollector.Errors.SourceMaps;
using RumCollector.Export;
using RumCollector.Metrics;
using RumCollector.Privacy;
using RumCollector.Sampling;
using RumOperator.Metrics;

namespace RumCollector.Ingest;

/// <summary>What happened to a beacon's events.</summary>
public sealed record ProcessResult(int Recorded, int Dropped, int Queued);

/// <summary>
/// The stages after a beacon is parsed and admitted: consent → bot filter → privacy → enrichment →
/// metrics → sampling → export queue. Knows nothing about HTTP.
/// </summary>
/// <param name="sourceMaps">The source map cache the error stage reads; null: stacks are not symbolicated.</param>
public sealed class IngestPipeline(ExportQueue queue, SourceMapStore? sourceMaps = null)
{
    private readonly Random _random = Random.Shared;
    private readonly UserAgentCache _userAgents = new();

    public ProcessResult Process(CollectorState state, Beacon beacon, ClientContext client)
    {
        var m = state.Metrics;
        CountReceived(m, beacon.Events);
        if (beacon.UnknownEvents > 0)
        {
            m.EventsReceived.WithLabels("unknown").Inc(beacon.UnknownEvents);
            m.EventsDropped.WithLabels(DropReason.UnknownType).Inc(beacon.UnknownEvents);
        }
        if (beacon.Unmapped is { } unmapped)
            foreach (var (type, count) in unmapped)
            {
                m.EventsReceived.WithLabels(type).Inc(count);
                m.EventsDropped.WithLabels(DropReason.NotMapped).Inc(count);
            }
        var events = beacon.Events.Count;

        var consentState = ConsentGate.Effective(beacon.Consent, state.Config.Privacy.Consent);
        var consentLabel = ConsentGate.Label(consentState);
        m.ConsentCounted(consentState).Inc();
        var consent = ConsentGate.Decide(consentState, state.Config.Privacy.Consent);
        if (consent == ConsentDecision.Drop)
            return Drop(m, consentState == ConsentState.Denied ? DropReason.ConsentDenied : DropReason.ConsentUnknown, events, beacon.UnknownEvents);

        var ua = _userAgents.Parse(client.UserAgent, state.Config.Enrichment.AllowHeadless);
        if (ua.IsBot) return Drop(m, DropReason.Bot, events, beacon.UnknownEvents);

        var privacy = PrivacyStage.Apply(state, beacon, client.RemoteIp, consent);
        var country = CountryResolver.Resolve(state.Config.Enrichment.GeoHeaders, client.Header);
        var traceId = TraceParent.TraceId(beacon.Traceparent);
        var release = beacon.Release ?? "unknown";
        // A beacon without an event to count must not admit label values: it could push a real release out.
        if (events > 0)
        {
            var minRate = state.MinSampleRateFor(beacon.App);
            if (beacon.SampleRate < minRate) m.SampleRateBounded.Inc();
            var weight = Weight.Bounded(beacon.SampleRate, minRate);
            var common = RecordMetrics(m, beacon, privacy.Route, release, ua, country, weight, traceId is not null);
            ErrorGroupStage.Apply(state, beacon, common, weight, sourceMaps);
        }

        var queued = 0;
        if (events > 0 && state.Sampler.Keep(SamplingInputFor(beacon, privacy.Route, release, state.Config.Sampling.AlwaysKeepSlowerThan.Count > 0))
            // No sink configured: the worker would only discard them, so skip the export context, its size
            // estimate, a channel write and a worker wake-up per beacon.
            && HasSink(state.Config.Export))
        {
            var context = new ExportContext(beacon.App, beacon.Release, privacy.Route,
                consent == ConsentDecision.Full ? beacon.SessionId : "anonymous", privacy.UserIdHash, beacon.PageUrl, beacon.Referrer,
                ua.Device, ua.Browser, ua.Os, country, traceId, privacy.ClientIp, beacon.SampleRate, consentLabel,
                client.ReceivedAt);
            (queued, var refused) = queue.TryEnqueueAll(context, beacon.Events);
            if (refused is not null) m.EventsDropped.WithLabels(refused).Inc(events - queued);
        }
        return new ProcessResult(events, beacon.UnknownEvents, queued);
    }

    /// <summary>The config names a sink (the worker may still fail to open it; then it discards what is queued).</summary>
    private static bool HasSink(RumOperator.CollectorConfig.CollectorExport export) =>
        !string.IsNullOrEmpty(export.FilePath) || !string.IsNullOrEmpty(export.OtlpEndpoint);

    /// <summary>Records the beacon's events; returns the common label values, which error groups share.</summary>
    private string[] RecordMetrics(RumMetricSet m, Beacon beacon, string route, string release, ClientInfo ua, string country, Weight weight, bool traceCorrelated)
    {
        var common = m.CommonValues(label => label switch
        {
            RumLabels.App => beacon.App,
            RumLabels.Route => route,
            RumLabels.Release => release,
            RumLabels.Device => ua.Device,
            RumLabels.Country => country,
            RumLabels.Browser => ua.Browser,
            RumLabels.Os => ua.Os,
            _ => RumMetrics.Other,
        });
        MetricsRecorder.Record(m, m.Series(common), weight, beacon.Events, traceCorrelated, _random);
        return common;
    }

    /// <summary>One increment per event type present instead of one per event.</summary>
    private static void CountReceived(RumMetricSet m, List<RumEvent> events)
    {
        Span<int> perType = stackalloc int[EventTypes];
        foreach (var e in events) perType[(int)e.Type]++;
        for (var type = 0; type < perType.Length; type++)
            if (perType[type] > 0) m.Received((EventType)type).Inc(perType[type]);
    }

    private static readonly int EventTypes = Enum.GetValues<EventType>().Length;

    /// <summary>Client clocks are not trusted beyond the skew bounds; such events carry the receive time.</summary>
    public static (DateTimeOffset Timestamp, bool Adjusted) BoundedTimestamp(long ts, DateTimeOffset receivedAt)
    {
        var min = receivedAt - BeaconLimits.MaxAge;
        var max = receivedAt + BeaconLimits.MaxClockAhead;
        if (ts < min.ToUnixTimeMilliseconds() || ts > max.ToUnixTimeMilliseconds()) return (receivedAt, true);
        return (DateTimeOffset.FromUnixTimeMilliseconds(ts), false);
    }

    private static readonly Dictionary<string, double> NoVitals = [];

    /// <param name="needVitals">The slowest vitals matter only to "always keep slower than" thresholds.</param>
    private static SamplingInput SamplingInputFor(Beacon beacon, string route, string release, bool needVitals)
    {
        var vitals = needVitals ? new Dictionary<string, double>() : NoVitals;
        var hasError = false;
        foreach (var e in beacon.Events)
        {
            hasError |= e.Type == EventType.Error;
            if (!needVitals || e is not { Type: EventType.Vital, Vital: { } name, Value: { } value }) continue;
            var seconds = RumMetrics.ForVital(name).IsDuration ? value / 1000.0 : value;
            var key = RumMetrics.VitalKey(name);
            vitals[key] = Math.Max(seconds, vitals.GetValueOrDefault(key));
        }
        return new SamplingInput(beacon.App, route, release, beacon.SessionId, hasError, vitals, beacon.Events.Count);
    }

    private static ProcessResult Drop(RumMetricSet m, string reason, int events, int unknown)
    {
        if (events > 0) m.EventsDropped.WithLabels(reason).Inc(events);
        return new ProcessResult(0, events + unknown, 0);
    }
}
