using RumOperator.Api;

namespace RumOperator.CollectorConfig;

/// <summary>
/// What a collector reads: the operator writes it into the pipeline's ConfigMap as JSON
/// (key <see cref="CollectorPaths.ConfigFileName"/>), the standalone collector builds it
/// from manifests with the same <see cref="CollectorConfigBuilder"/>. Secrets are never
/// inside: keys and salt are read from mounted files.
/// </summary>
public sealed class CollectorConfig
{
    public int Version { get; set; } = 1;
    public string Pipeline { get; set; } = "";
    public string Namespace { get; set; } = "";
    public List<AppSpec> Apps { get; set; } = [];
    public CollectorIngest Ingest { get; set; } = new();
    public CollectorPrivacy Privacy { get; set; } = new();
    public EnrichmentSpec Enrichment { get; set; } = new();
    public CollectorMetrics Metrics { get; set; } = new();
    public CollectorExport Export { get; set; } = new();
    public CollectorSampling Sampling { get; set; } = new();
    public CollectorErrors Errors { get; set; } = new();
}

public sealed class CollectorIngest
{
    public List<string> AllowedOrigins { get; set; } = [];
    public int MaxBeaconBytes { get; set; } = 65536;
    public RateLimitSpec RateLimit { get; set; } = new();
    public ClientRateLimitSpec ClientRateLimit { get; set; } = new();
    /// <summary>CIDR ranges whose X-Forwarded-For is believed.</summary>
    public List<string> TrustedProxies { get; set; } = [];
    /// <summary>Cap per event type of one beacon, every type present (<see cref="BeaconEventTypes.MaxPerBeacon"/>).</summary>
    public Dictionary<string, int> MaxEventsPerBeacon { get; set; } = BeaconEventTypes.MaxPerBeacon(null);
    /// <summary>Directory of the mounted keys Secret: one file per app holding comma-separated keys.</summary>
    public string KeysPath { get; set; } = CollectorPaths.KeysDirectory;
}

public sealed class CollectorPrivacy
{
    public List<string> QueryParamAllowlist { get; set; } = [];
    public List<RedactionKind> Redact { get; set; } = [];
    public IpAddressHandling IpAddress { get; set; } = IpAddressHandling.Truncate;
    /// <summary>File holding the user-id salt; null when no salt Secret is referenced (user ids are dropped).</summary>
    public string? SaltPath { get; set; }
    public ConsentSpec Consent { get; set; } = new();
}

public sealed class CollectorMetrics
{
    public List<string> Labels { get; set; } = [];
    public Dictionary<string, int> MaxValuesPerLabel { get; set; } = new();
    /// <summary>Distinct values per label when <see cref="MaxValuesPerLabel"/> names no limit.</summary>
    public int DefaultMaxValuesPerLabel { get; set; } = 100;
    public int MaxSeries { get; set; } = 20000;
    /// <summary>
    /// Releases the pipeline's rollback targets run now (their pod templates' release label), found by the
    /// operator: they keep their own release label value and are never evicted. Other releases share
    /// the release label's cap, least recently seen evicted first.
    /// </summary>
    public List<string> LiveReleases { get; set; } = [];
    /// <summary>Error groups per app with their own series (see docs/errors.md).</summary>
    public int MaxErrorGroupsPerApp { get; set; } = RumOperator.Metrics.ErrorGroupMetrics.DefaultMaxGroupsPerApp;
    /// <summary>Final bucket boundaries per vital key (lcp, fcp, inp, ttfb in seconds; cls unitless).</summary>
    public Dictionary<string, double[]> Buckets { get; set; } = new();
}

public sealed class CollectorExport
{
    public string? OtlpEndpoint { get; set; }
    public string? FilePath { get; set; }
    public int QueueSize { get; set; } = ExportSpec.DefaultQueueSize;
    public long MaxQueueBytes { get; set; } = ExportSpec.DefaultMaxQueueBytes;
}

public sealed class CollectorSampling
{
    /// <summary>Rules of every applied policy, highest priority first; first match wins. Empty: keep everything.</summary>
    public List<CollectorSamplingRule> Rules { get; set; } = [];
    public bool AlwaysKeepErrors { get; set; } = true;
    /// <summary>Keep sessions with a vital slower than this, per vital key, in the vital's unit (seconds or CLS).</summary>
    public Dictionary<string, double> AlwaysKeepSlowerThan { get; set; } = new();
    public AdaptiveSpec? Adaptive { get; set; }
}

public sealed class CollectorSamplingRule
{
    public string Policy { get; set; } = "";
    public SamplingMatch Match { get; set; } = new();
    public double SessionSampleRate { get; set; } = 1;
}

/// <summary>Where the collector finds its inputs inside the pod; the operator mounts them there.</summary>
public static class CollectorPaths
{
    public const string ConfigDirectory = "/etc/rum/config";
    public const string ConfigFileName = "collector.json";
    public const string KeysDirectory = "/etc/rum/keys";
    public const string SaltDirectory = "/etc/rum/salt";
    public const string SaltKey = "salt";
    public const int HttpPort = 8080;
}
