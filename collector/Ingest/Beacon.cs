using RumCollector.Privacy;
using RumOperator.Api;
using RumOperator.CollectorConfig;

namespace RumCollector.Ingest;

public enum EventType { SessionStart, PageView, Vital, Error, Resource, LongTask, Transaction }

/// <summary>A validated beacon (format v1, see design/beacon.md). Strings are still as the client sent them.</summary>
public sealed class Beacon
{
    public int Version { get; init; }
    public required string App { get; init; }
    public string? Release { get; init; }
    public required string SessionId { get; init; }
    public double SampleRate { get; init; } = 1;
    public ConsentState? Consent { get; init; }
    public string? UserId { get; set; }
    public string? PageUrl { get; set; }
    public string? PageRoute { get; init; }
    public string? Referrer { get; set; }
    public string? Traceparent { get; init; }
    public required List<RumEvent> Events { get; init; }
    /// <summary>Events of a type this collector does not know (newer SDKs); counted as dropped.</summary>
    public int UnknownEvents { get; init; }
    /// <summary>
    /// Items of another wire format (Grafana Faro) that have no RUM event to become, by the type label
    /// they are received under; counted as dropped (not_mapped).
    /// </summary>
    public IReadOnlyDictionary<string, int>? Unmapped { get; init; }
    public int UnmappedCount => Unmapped?.Values.Sum() ?? 0;
}

/// <summary>One event; which fields are set depends on <see cref="Type"/>. Times in milliseconds as sent.</summary>
public sealed class RumEvent
{
    public EventType Type { get; init; }
    public long Ts { get; set; }
    public string? Outcome { get; init; }
    public int? Status { get; init; }
    public string? NavigationType { get; init; }
    public VitalName? Vital { get; init; }
    /// <summary>The vital's name as sent (FID has no histogram but is still exported).</summary>
    public string? VitalLabel { get; init; }
    public double? Value { get; init; }
    public string? Rating { get; init; }
    public string? Kind { get; init; }
    public string? Message { get; set; }
    public string? Stack { get; set; }
    public bool FirstInSession { get; init; }
    /// <summary>The SDK's explicit grouping, <c>error(err, { fingerprint })</c>; see docs/errors.md.</summary>
    public IReadOnlyList<string>? Fingerprint { get; init; }
    /// <summary>Key/value context of <c>error(err, { context })</c>; redacted, exported, never a label.</summary>
    public Dictionary<string, string>? Context { get; init; }
    /// <summary>The first time this session reported this error (the SDK remembers per session).</summary>
    public bool GroupFirstInSession { get; init; }
    /// <summary>The error group the collector computed (docs/errors.md).</summary>
    public string? Group { get; set; }
    public string? Url { get; set; }
    public string? Initiator { get; init; }
    public double? Duration { get; init; }
    public string? Party { get; init; }
    public string? Name { get; set; }

    public static string TypeName(EventType type) => type switch
    {
        EventType.SessionStart => BeaconEventTypes.SessionStart,
        EventType.PageView => BeaconEventTypes.PageView,
        EventType.Vital => BeaconEventTypes.Vital,
        EventType.Error => BeaconEventTypes.Error,
        EventType.Resource => BeaconEventTypes.Resource,
        EventType.LongTask => BeaconEventTypes.LongTask,
        EventType.Transaction => BeaconEventTypes.Transaction,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an event type of the beacon contract"),
    };

    /// <summary>The event type of a wire name (<see cref="BeaconEventTypes"/>), or null for a type this collector does not know.</summary>
    public static EventType? TypeOf(string name) => name switch
    {
        BeaconEventTypes.SessionStart => EventType.SessionStart,
        BeaconEventTypes.PageView => EventType.PageView,
        BeaconEventTypes.Vital => EventType.Vital,
        BeaconEventTypes.Error => EventType.Error,
        BeaconEventTypes.Resource => EventType.Resource,
        BeaconEventTypes.LongTask => EventType.LongTask,
        BeaconEventTypes.Transaction => EventType.Transaction,
        _ => null,
    };
}
