using System.Text.Json;
using RumCollector.Ingest.Json;
using RumOperator.Api;

namespace RumCollector.Ingest.Faro;

/// <summary>
/// A Faro payload's items → RUM events: exceptions become errors, web-vitals measurements vitals, the
/// session_start / navigation / resource events session starts, page views and resources. Logs, spans and
/// the other events and measurements are counted by kind as not mapped; trace ids on any item give the
/// beacon's traceparent.
/// </summary>
internal sealed class FaroItems(FaroFields fields)
{
    /// <summary>rum_events_received_total's type label for items that are not mapped.</summary>
    public const string LogType = "faro_log";
    public const string SpanType = "faro_span";
    public const string EventType = "faro_event";
    public const string MeasurementType = "faro_measurement";

    public const string SessionStartEvent = "session_start";
    public const string NavigationEvent = "faro.performance.navigation";
    public const string ResourceEvent = "faro.performance.resource";
    public const string WebVitalsMeasurement = "web-vitals";
    public const string UnhandledRejection = "UnhandledRejection";

    private static readonly ClosedSet Ratings = new("good", "needs-improvement", "poor");
    private static readonly (string Key, string Label, VitalName? Vital)[] Vitals =
    [
        ("lcp", "LCP", VitalName.Lcp), ("inp", "INP", VitalName.Inp), ("cls", "CLS", VitalName.Cls),
        ("fcp", "FCP", VitalName.Fcp), ("ttfb", "TTFB", VitalName.Ttfb), ("fid", "FID", null),
    ];

    private readonly Dictionary<string, int> _unmapped = [];
    private string? _pageHost;

    public List<RumEvent> Events { get; } = [];
    public IReadOnlyDictionary<string, int>? Unmapped => _unmapped.Count > 0 ? _unmapped : null;
    public string? Traceparent { get; private set; }
    /// <summary>Every item seen, mapped or not; past <see cref="BeaconLimits.MaxEvents"/> they are only counted.</summary>
    public int Count { get; private set; }

    public void Read(JsonElement root)
    {
        _pageHost = PageHost(root);
        Each(root, "exceptions", Exception);
        Each(root, "measurements", Measurement);
        Each(root, "events", Event);
        Each(root, "logs", (item, at) => NotMapped(item, at, LogType));
        Traces(root);
    }

    private void Each(JsonElement root, string name, Action<JsonElement, string> map)
    {
        if (fields.Array(root, name, name) is not { } items) return;
        foreach (var item in items)
        {
            var at = $"{name}[{IndexIn(name)}]";
            if (Count++ >= BeaconLimits.MaxEvents) continue;
            if (item.ValueKind != JsonValueKind.Object) { fields.Error(at, "must be an object"); continue; }
            map(item, at);
        }
    }

    private readonly Dictionary<string, int> _indexes = [];

    private int IndexIn(string array)
    {
        var index = _indexes.GetValueOrDefault(array);
        _indexes[array] = index + 1;
        return index;
    }

    private void Exception(JsonElement item, string at)
    {
        var type = fields.String(item, "type", $"{at}.type", BeaconLimits.MaxNameLength, cut: true);
        var value = fields.String(item, "value", $"{at}.value", BeaconLimits.MaxMessageLength, cut: true);
        var message = type is { Length: > 0 } ? value is { Length: > 0 } ? $"{type}: {value}" : type : value ?? "";
        if (message.Length > BeaconLimits.MaxMessageLength) message = message[..BeaconLimits.MaxMessageLength];
        Add(item, at, new RumEvent
        {
            Type = Ingest.EventType.Error,
            Kind = type == UnhandledRejection ? "unhandledrejection" : "js",
            Message = message,
            Stack = FaroStack.Render(FaroFields.Get(item, "stacktrace"), message, $"{at}.stacktrace", fields),
        });
    }

    /// <summary>One web-vitals measurement holds one vital (its name in lower case) besides delta and attribution values.</summary>
    private void Measurement(JsonElement item, string at)
    {
        var type = fields.String(item, "type", $"{at}.type", BeaconLimits.MaxNameLength);
        var values = fields.Object(item, "values", $"{at}.values");
        if (type != WebVitalsMeasurement || values is null) { NotMapped(item, at, MeasurementType); return; }
        var context = fields.Object(item, "context", $"{at}.context");
        var mapped = false;
        foreach (var (key, label, vital) in Vitals)
        {
            if (FaroFields.Get(values.Value, key) is not { } number) continue;
            var max = vital == VitalName.Cls ? BeaconLimits.MaxCls : BeaconLimits.MaxDurationMs;
            var rating = context is { } c ? fields.String(c, "rating", $"{at}.context.rating", 64) : null;
            Add(item, at, new RumEvent
            {
                Type = Ingest.EventType.Vital,
                Vital = vital,
                VitalLabel = label,
                Value = fields.Number(number, $"{at}.values.{key}", 0, max),
                Rating = Ratings.Values.FirstOrDefault(r => r == rating),
                Name = context is { } id ? fields.String(id, "id", $"{at}.context.id", BeaconLimits.MaxIdLength, cut: true) : null,
            });
            mapped = true;
        }
        if (!mapped) NotMapped(item, at, MeasurementType);
    }

    private void Event(JsonElement item, string at)
    {
        var name = fields.String(item, "name", $"{at}.name", BeaconLimits.MaxNameLength, required: true);
        var attributes = fields.Object(item, "attributes", $"{at}.attributes");
        var attr = attributes ?? default;
        switch (name)
        {
            case SessionStartEvent:
                Add(item, at, new RumEvent { Type = Ingest.EventType.SessionStart });
                break;
            case NavigationEvent:
                Add(item, at, new RumEvent
                {
                    Type = Ingest.EventType.PageView,
                    Status = Status(attr, at),
                    NavigationType = fields.String(attr, "type", $"{at}.attributes.type", 32, cut: true),
                });
                break;
            case ResourceEvent:
                var url = fields.String(attr, "name", $"{at}.attributes.name", BeaconLimits.MaxUrlLength, cut: true);
                Add(item, at, new RumEvent
                {
                    Type = Ingest.EventType.Resource,
                    Url = url,
                    Initiator = fields.String(attr, "initiatorType", $"{at}.attributes.initiatorType", 32, cut: true),
                    Duration = fields.NumberText(attr, "duration", $"{at}.attributes.duration", 0, BeaconLimits.MaxDurationMs),
                    Status = Status(attr, at),
                    Party = Party(url),
                });
                break;
            default:
                NotMapped(item, at, EventType);
                break;
        }
    }

    private int? Status(JsonElement attributes, string at) =>
        (int?)fields.NumberText(attributes, "responseStatus", $"{at}.attributes.responseStatus", 0, 999);

    /// <summary>First party when the resource is on the page's host, as our SDK decides it.</summary>
    private string? Party(string? url) =>
        _pageHost is null || url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) ? null
        : string.Equals(uri.Authority, _pageHost, StringComparison.OrdinalIgnoreCase) ? "first" : "third";

    private static string? PageHost(JsonElement root) =>
        FaroFields.Get(root, "meta") is { } meta && FaroFields.Get(meta, "page") is { } page && FaroFields.Get(page, "url") is { ValueKind: JsonValueKind.String } url
        && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) ? uri.Authority : null;

    private void Add(JsonElement item, string at, RumEvent e)
    {
        e.Ts = fields.Timestamp(item, $"{at}.timestamp");
        Trace(item);
        Events.Add(e);
    }

    private void NotMapped(JsonElement item, string at, string type)
    {
        Trace(item);
        _unmapped[type] = _unmapped.GetValueOrDefault(type) + 1;
    }

    /// <summary>The first item's trace context (Faro's trace.trace_id / span_id) correlates the beacon with the backend trace.</summary>
    private void Trace(JsonElement item)
    {
        if (Traceparent is not null || FaroFields.Get(item, "trace") is not { ValueKind: JsonValueKind.Object } trace) return;
        Traceparent = Enrichment.TraceParent.Format(Text(trace, "trace_id"), Text(trace, "span_id"));
    }

    private static string? Text(JsonElement parent, string name) =>
        FaroFields.Get(parent, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>OTLP JSON spans (resourceSpans → scopeSpans → spans): counted, and their trace ids used for correlation.</summary>
    private void Traces(JsonElement root)
    {
        if (fields.Object(root, "traces", "traces") is not { } traces) return;
        if (fields.Array(traces, "resourceSpans", "traces.resourceSpans") is not { } resources) return;
        var r = 0;
        foreach (var resource in resources)
        {
            var at = $"traces.resourceSpans[{r++}]";
            if (resource.ValueKind != JsonValueKind.Object) { fields.Error(at, "must be an object"); continue; }
            if (fields.Array(resource, "scopeSpans", $"{at}.scopeSpans") is not { } scopes) continue;
            var s = 0;
            foreach (var scope in scopes)
            {
                var scopeAt = $"{at}.scopeSpans[{s++}]";
                if (scope.ValueKind != JsonValueKind.Object) { fields.Error(scopeAt, "must be an object"); continue; }
                if (fields.Array(scope, "spans", $"{scopeAt}.spans") is not { } spans) continue;
                foreach (var span in spans)
                {
                    Count++;
                    if (span.ValueKind != JsonValueKind.Object) { fields.Error($"{scopeAt}.spans", "must hold objects"); continue; }
                    _unmapped[SpanType] = _unmapped.GetValueOrDefault(SpanType) + 1;
                    Traceparent ??= Enrichment.TraceParent.Format(Text(span, "traceId"), Text(span, "spanId"));
                }
            }
        }
    }
}
