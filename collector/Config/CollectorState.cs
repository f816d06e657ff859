using RumCollector.Ingest;
using RumCollector.Metrics;
using RumCollector.Privacy;
using RumCollector.Sampling;
using RumOperator.CollectorConfig;

namespace RumCollector.Config;

/// <summary>
/// A config compiled for the hot path: key lookup, route resolvers, redaction, sampling, metrics and
/// rate limiters. Immutable once built; a reload builds a new one and swaps it atomically, so a
/// request in flight finishes with the state it started with.
/// </summary>
public sealed class CollectorState
{
    private readonly Dictionary<string, string> _appByKey;
    private readonly Dictionary<string, RouteResolver> _routes;
    private readonly HashSet<string> _origins;
    private readonly bool _anyOrigin;

    private readonly Dictionary<string, double> _sampleRateByApp;
    private readonly int[] _maxPerBeacon;

    public CollectorState(ConfigSnapshot snapshot, RumMetricSet metrics, KeyRateLimiter limiter, ClientRateLimiter clients, AdaptiveRate? adaptive)
    {
        Snapshot = snapshot;
        var config = snapshot.Config;
        Metrics = metrics;
        Limiter = limiter;
        Clients = clients;
        ClientAddresses = new ClientAddressResolver(config.Ingest.TrustedProxies);
        _sampleRateByApp = config.Apps.ToDictionary(a => a.Name, a => a.SampleRate is { } r && double.IsFinite(r) ? Math.Clamp(r, BeaconLimits.MinSampleRate, 1) : 1, StringComparer.Ordinal);
        var caps = BeaconEventTypes.MaxPerBeacon(config.Ingest.MaxEventsPerBeacon);
        _maxPerBeacon = Enum.GetValues<EventType>().Select(t => Math.Clamp(caps[RumEvent.TypeName(t)], 0, BeaconLimits.MaxEvents)).ToArray();
        _appByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var app in config.Apps)
            foreach (var key in snapshot.KeysByApp.GetValueOrDefault(app.Name) ?? [])
                _appByKey[key] = app.Name;
        _routes = config.Apps.ToDictionary(a => a.Name, a => new RouteResolver(a.Routes), StringComparer.Ordinal);
        _origins = new HashSet<string>(config.Ingest.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
        _anyOrigin = _origins.Contains("*");
        Redactor = new Redactor(config.Privacy.Redact);
        Urls = new UrlSanitizer(config.Privacy.QueryParamAllowlist, Redactor);
        UserIds = new UserIdHasher(snapshot.Salt);
        Sampler = new SessionSampler(config.Sampling, adaptive);
    }

    public ConfigSnapshot Snapshot { get; }
    public CollectorConfigType Config => Snapshot.Config;
    public RumMetricSet Metrics { get; }
    public KeyRateLimiter Limiter { get; }
    public ClientRateLimiter Clients { get; }
    public ClientAddressResolver ClientAddresses { get; }
    public Redactor Redactor { get; }
    public UrlSanitizer Urls { get; }
    public UserIdHasher UserIds { get; }
    public SessionSampler Sampler { get; }

    public string? AppForKey(string? key) => key is not null && _appByKey.TryGetValue(key, out var app) ? app : null;

    /// <summary>
    /// The lowest sample rate an app's beacons may claim: what its SDK is configured with (apps[].sampleRate),
    /// else 1, so no client can make one event count for more than the pipeline says.
    /// </summary>
    public double MinSampleRateFor(string app) => _sampleRateByApp.TryGetValue(app, out var rate) ? rate : 1;

    /// <summary>Events of one type a beacon may carry (ingest.maxEventsPerBeacon over the defaults).</summary>
    public int MaxPerBeacon(EventType type) => _maxPerBeacon[(int)type];

    public RouteResolver RoutesFor(string app) => _routes.TryGetValue(app, out var r) ? r : new RouteResolver([]);

    /// <summary>Requests without Origin (not from a browser page) are allowed; the key still applies.</summary>
    public bool OriginAllowed(string? origin) => origin is null || _anyOrigin || _origins.Contains(origin.TrimEnd('/'));
}
