using RumCollector.Config;
using RumCollector.Enrichment;
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
public sealed class IngestPipeline(ExportQueue queue)
{
    private readonly Random _random = Random.Shared;

    public ProcessResult Process(CollectorState state, Beacon beacon, ClientContext client)
    {
        var m = state.Metrics;
        foreach (var e in beacon.Events) m.EventsReceived.WithLabels(RumEvent.TypeName(e.Type)).Inc();
        if (beacon.UnknownEvents > 0)
        {
            m.EventsReceived.WithLabels("unknown").Inc(beacon.UnknownEvents);
            m.EventsDropped.WithLabels(DropReason.UnknownType).Inc(beacon.UnknownEvents);
        }
        var events = beacon.Events.Count;

        var consentState = ConsentGate.Effective(beacon.Consent, state.Config.Privacy.Consent);
        m.Consent.WithLabels(consentState.ToString().ToLowerInvariant()).Inc();
        var consent = ConsentGate.Decide(consentState, state.Config.Privacy.Consent);
        if (consent == ConsentDecision.Drop)
            return Drop(m, consentState == ConsentState.Denied ? DropReason.ConsentDenied : DropReason.ConsentUnknown, events, beacon.UnknownEvents);

        var ua = UserAgentParser.Parse(client.UserAgent, state.Config.Enrichment.AllowHeadless);
        if (ua.IsBot) return Drop(m, DropReason.Bot, events, beacon.UnknownEvents);

        var privacy = PrivacyStage.Apply(state, beacon, client.RemoteIp, consent);
        var country = CountryResolver.Resolve(state.Config.Enrichment.GeoHeaders, client.Header);
        var traceId = TraceParent.TraceId(beacon.Traceparent);
        var release = beacon.Release ?? "unknown";

        var common = m.CommonValues(label => label switch
        {
            "app" => beacon.App,
            "route" => privacy.Route,
            "release" => release,
            "device" => ua.Device,
            "country" => country,
            "browser" => ua.Browser,
            "os" => ua.Os,
            _ => RumMetrics.Other,
        });
        MetricsRecorder.Record(m, common, Weight.FromSampleRate(beacon.SampleRate), beacon.Events, traceId is not null, _random);

        var queued = 0;
        if (events > 0 && state.Sampler.Keep(SamplingInputFor(beacon, privacy.Route, release)))
        {
            var context = new ExportContext(beacon.App, beacon.Release, privacy.Route,
                consent == ConsentDecision.Full ? beacon.SessionId : "anonymous", privacy.UserIdHash, beacon.PageUrl, beacon.Referrer,
                ua.Device, ua.Browser, ua.Os, country, traceId, privacy.ClientIp, beacon.SampleRate, consentState.ToString().ToLowerInvariant(),
                client.ReceivedAt);
            foreach (var e in beacon.Events)
            {
                var (timestamp, adjusted) = BoundedTimestamp(e.Ts, client.ReceivedAt);
                if (queue.TryEnqueue(new ExportEvent(context, e, timestamp, adjusted))) queued++;
                else m.EventsDropped.WithLabels(DropReason.ExportQueueFull).Inc();
            }
        }
        return new ProcessResult(events, beacon.UnknownEvents, queued);
    }

    /// <summary>Client clocks are not trusted beyond the skew bounds; such events carry the receive time.</summary>
    public static (DateTimeOffset Timestamp, bool Adjusted) BoundedTimestamp(long ts, DateTimeOffset receivedAt)
    {
        var min = receivedAt - BeaconLimits.MaxAge;
        var max = receivedAt + BeaconLimits.MaxClockAhead;
        if (ts < min.ToUnixTimeMilliseconds() || ts > max.ToUnixTimeMilliseconds()) return (receivedAt, true);
        return (DateTimeOffset.FromUnixTimeMilliseconds(ts), false);
    }

    private static SamplingInput SamplingInputFor(Beacon beacon, string route, string release)
    {
        var vitals = new Dictionary<string, double>();
        foreach (var e in beacon.Events)
        {
            if (e is not { Type: EventType.Vital, Vital: { } name, Value: { } value }) continue;
            var seconds = RumMetrics.ForVital(name).IsDuration ? value / 1000.0 : value;
            var key = RumMetrics.VitalKey(name);
            vitals[key] = Math.Max(seconds, vitals.GetValueOrDefault(key));
        }
        var hasError = beacon.Events.Any(e => e.Type == EventType.Error);
        return new SamplingInput(beacon.App, route, release, beacon.SessionId, hasError, vitals, beacon.Events.Count);
    }

    private static ProcessResult Drop(RumMetricSet m, string reason, int events, int unknown)
    {
        if (events > 0) m.EventsDropped.WithLabels(reason).Inc(events);
        return new ProcessResult(0, events + unknown, 0);
    }
}
