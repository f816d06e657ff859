using System.ComponentModel;
using System.Text.Json.Serialization;

namespace RumOperator.Api;

[Description("A fleet of RUM collectors: receives browser beacons, applies privacy rules, turns events into Prometheus metrics and exports sampled raw events.")]
public sealed class RumPipeline : CustomResource<RumPipelineSpec, RumPipelineStatus>
{
    public const string KindName = "RumPipeline";
    public RumPipeline() => Kind = KindName;
}

public sealed class RumPipelineSpec
{
    [Description("The collector Deployment: image, replicas, autoscaling and resources.")]
    public CollectorSpec Collector { get; set; } = new();

    [Description("How beacons are accepted: origins, keys, size and rate limits.")]
    [RequiredField]
    public IngestSpec Ingest { get; set; } = new();

    [Description("The applications sending to this pipeline. Route templates bound the route label.")]
    [RequiredField, Limits(MinItems = 1, MaxItems = 100), ListMap("name")]
    public List<AppSpec> Apps { get; set; } = [];

    [Description("PII handling, applied before anything is counted or exported.")]
    public PrivacySpec Privacy { get; set; } = new();

    [Description("Enrichment of events: geo headers and bot handling.")]
    public EnrichmentSpec Enrichment { get; set; } = new();

    [Description("Metric labels, cardinality limits, buckets and scraping.")]
    public MetricsSpec Metrics { get; set; } = new();

    [Description("Export of sampled raw events.")]
    public ExportSpec? Export { get; set; }

    [Description("JavaScript error groups: how many per app get their own series, and source maps for minified stacks.")]
    public ErrorsSpec Errors { get; set; } = new();

    [Description("Selects the SamplingPolicies (same namespace) whose rules this pipeline applies.")]
    public LabelSelector? SamplingPolicySelector { get; set; }

    [Description("Create a NetworkPolicy that admits ingest and scrape traffic only.")]
    public NetworkPolicySpec? NetworkPolicy { get; set; }
}

public sealed class CollectorSpec
{
    [Description("Collector image; empty means the operator's --collector-image.")]
    public string? Image { get; set; }

    [Description("Replica bounds for the HorizontalPodAutoscaler.")]
    public ReplicasSpec Replicas { get; set; } = new();

    [Description("Autoscaling target.")]
    public AutoscalingSpec Autoscaling { get; set; } = new();

    [Description("Container resource requests and limits.")]
    public ResourcesSpec? Resources { get; set; }
}

[CelRule("self.min <= self.max", "replicas.min must not exceed replicas.max")]
public sealed class ReplicasSpec
{
    [Description("Minimum replicas.")]
    [Bounds(Minimum = 1, Maximum = 1000), SchemaDefault(2)]
    public int Min { get; set; } = 2;

    [Description("Maximum replicas.")]
    [Bounds(Minimum = 1, Maximum = 1000), SchemaDefault(10)]
    public int Max { get; set; } = 10;
}

public sealed class AutoscalingSpec
{
    [Description("Average CPU utilisation the HPA aims for.")]
    [Bounds(Minimum = 1, Maximum = 100), SchemaDefault(70)]
    public int TargetCPUUtilizationPercentage { get; set; } = 70;
}

public sealed class ResourcesSpec
{
    [Description("Resource requests, e.g. cpu: 100m, memory: 128Mi.")]
    [Quantity] public Dictionary<string, string>? Requests { get; set; }

    [Description("Resource limits.")]
    [Quantity] public Dictionary<string, string>? Limits { get; set; }
}

public sealed class IngestSpec
{
    [Description("Origins allowed by CORS, e.g. https://shop.example.com. \"*\" allows any origin.")]
    [Limits(MaxItems = 100), ListSet]
    public List<string> AllowedOrigins { get; set; } = [];

    [Description("Secret mapping app name to its public ingest key(s), comma-separated during rotation.")]
    [RequiredField]
    public LocalObjectReference KeysSecretRef { get; set; } = new();

    [Description("Largest beacon accepted, in bytes, checked before and after decompression.")]
    [Bounds(Minimum = 1024, Maximum = 1048576), SchemaDefault(65536)]
    public int MaxBeaconBytes { get; set; } = 65536;

    [Description("Per-key token buckets.")]
    public RateLimitSpec RateLimit { get; set; } = new();

    [Description("Per-client token bucket, keyed by the client address (IPv6 by /64), besides the per-key buckets.")]
    public ClientRateLimitSpec ClientRateLimit { get; set; } = new();

    [Description("CIDR ranges of the proxies in front of the collector (e.g. the ingress controller's pod range). Only a request from one of them has its X-Forwarded-For read; the client is the right-most address not in these ranges.")]
    [Limits(MaxItems = 100), ListSet]
    public List<string> TrustedProxies { get; set; } = [];

    [Description("Most events of one type a single beacon may carry (keys: session_start, pageview, vital, error, resource, longtask, transaction); a beacon over a cap is refused with 400 naming the field. Unset keys keep their defaults.")]
    public Dictionary<string, int> MaxEventsPerBeacon { get; set; } = new();
}

public sealed class ClientRateLimitSpec
{
    [Description("Sustained events per second per client address (0: no per-client limit).")]
    [Bounds(Minimum = 0), SchemaDefault(200)]
    public int EventsPerSecond { get; set; } = 200;

    [Description("Bucket size: events one client address may send at once.")]
    [Bounds(Minimum = 1), SchemaDefault(1000)]
    public int Burst { get; set; } = 1000;

    [Description("Client addresses tracked at once; beyond it the least recently seen address is forgotten (its bucket starts full again).")]
    [Bounds(Minimum = 100, Maximum = 1000000), SchemaDefault(20000)]
    public int MaxClients { get; set; } = 20000;
}

public sealed class RateLimitSpec
{
    [Description("Sustained events per second per ingest key.")]
    [Bounds(Minimum = 1), SchemaDefault(2000)]
    public int EventsPerSecondPerKey { get; set; } = 2000;

    [Description("Bucket size: events a key may send at once.")]
    [Bounds(Minimum = 1), SchemaDefault(4000)]
    public int Burst { get; set; } = 4000;

    [Description("Sustained bytes per second per ingest key (0: no byte limit).")]
    [Bounds(Minimum = 0), SchemaDefault(0)]
    public int BytesPerSecondPerKey { get; set; }
}

public sealed class AppSpec
{
    [Description("Application name, as sent in the beacon's app field.")]
    [RequiredField, StringFormat(Patterns.DnsLabel), Limits(MaxLength = 63)]
    public string Name { get; set; } = "";

    [Description("Route templates, e.g. /product/:id; an unmatched path becomes __other__.")]
    [Limits(MaxItems = 1000)]
    public List<string> Routes { get; set; } = [];

    [Description("Share of sessions the app's SDK is configured to send (its sampleRate). Metrics weigh a beacon by 1/sampleRate, with the beacon's own claim bounded below by this value; unset means weight 1 whatever a beacon claims.")]
    [Bounds(Minimum = 0.001, Maximum = 1)]
    public double? SampleRate { get; set; }
}

public enum RedactionKind
{
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("creditCard")] CreditCard,
    [JsonStringEnumMemberName("jwt")] Jwt,
    [JsonStringEnumMemberName("bearerToken")] BearerToken,
    [JsonStringEnumMemberName("phone")] Phone,
    [JsonStringEnumMemberName("ipAddress")] IpAddress,
}

public enum IpAddressHandling
{
    [JsonStringEnumMemberName("truncate")] Truncate,
    [JsonStringEnumMemberName("drop")] Drop,
}

public enum MissingConsent
{
    [JsonStringEnumMemberName("anonymous")] Anonymous,
    [JsonStringEnumMemberName("drop")] Drop,
}

public sealed class PrivacySpec
{
    [Description("Query parameters kept in URLs; all others are removed.")]
    [ListSet] public List<string> QueryParamAllowlist { get; set; } = [];

    [Description("What to redact from URLs, messages and stack traces.")]
    [ListSet]
    public List<RedactionKind> Redact { get; set; } =
        [RedactionKind.Email, RedactionKind.CreditCard, RedactionKind.Jwt, RedactionKind.BearerToken, RedactionKind.Phone, RedactionKind.IpAddress];

    [Description("Client IP: truncate to /24 (IPv4) or /48 (IPv6), or drop.")]
    [SchemaDefault("truncate")]
    public IpAddressHandling IpAddress { get; set; } = IpAddressHandling.Truncate;

    [Description("Secret whose key 'salt' keys the HMAC-SHA256 of user ids.")]
    public LocalObjectReference? UserIdHashSecretRef { get; set; }

    [Description("Consent handling.")]
    public ConsentSpec Consent { get; set; } = new();
}

public sealed class ConsentSpec
{
    [Description("Require a consent state in every beacon.")]
    public bool Required { get; set; }

    [Description("What to do with beacons whose consent is unknown: count them anonymously or drop them.")]
    [SchemaDefault("anonymous")]
    public MissingConsent WhenMissing { get; set; } = MissingConsent.Anonymous;
}

public sealed class EnrichmentSpec
{
    [Description("Request headers holding the client's ISO country code, first match wins.")]
    [Limits(MaxItems = 10)]
    public List<string> GeoHeaders { get; set; } = [];

    [Description("Count HeadlessChrome as a browser instead of a bot (for synthetic and browser tests).")]
    public bool AllowHeadless { get; set; }
}

public sealed class MetricsSpec
{
    [Description("Labels put on every RUM metric, besides the metric's own.")]
    [ListSet]
    [OneOfValues("app", "route", "release", "device", "country", "browser", "os")]
    public List<string> Labels { get; set; } = ["app", "route", "release", "device", "country", "browser"];

    [Description("Distinct values kept per label; later values become __other__.")]
    public Dictionary<string, int> MaxValuesPerLabel { get; set; } = new();

    [Description("Total series the collector exports; beyond it, new label sets are folded into __other__.")]
    [Bounds(Minimum = 100, Maximum = 1000000), SchemaDefault(20000)]
    public int MaxSeries { get; set; } = 20000;

    [Description("Extra histogram bucket boundaries per vital (lcp, fcp, inp, ttfb in durations such as 3s; cls unitless).")]
    public Dictionary<string, List<string>>? ExtraBuckets { get; set; }

    [Description("ServiceMonitor for the collectors (created only when the Prometheus Operator CRDs exist).")]
    public ServiceMonitorSpec ServiceMonitor { get; set; } = new();
}

public sealed class ServiceMonitorSpec
{
    [Description("Create a ServiceMonitor.")]
    [SchemaDefault(true)]
    public bool Enabled { get; set; } = true;

    [Description("Scrape interval.")]
    [StringFormat(Patterns.Duration), SchemaDefault("30s")]
    public string Interval { get; set; } = "30s";
}

public sealed class ExportSpec
{
    [Description("OTLP/HTTP logs export.")]
    public OtlpExportSpec? Otlp { get; set; }

    [Description("JSON Lines file export, for local use.")]
    public FileExportSpec? File { get; set; }

    public const int DefaultQueueSize = 10000;
    public const long DefaultMaxQueueBytes = 32L * 1024 * 1024;
    public const long MinQueueBytes = 1024L * 1024;
    public const long MaxQueueBytesLimit = 1024L * 1024 * 1024;

    [Description("Events buffered between ingest and export; overflow is counted and dropped.")]
    [Bounds(Minimum = 100, Maximum = 1000000), SchemaDefault(DefaultQueueSize)]
    public int QueueSize { get; set; } = DefaultQueueSize;

    [Description("Bytes the buffered events may keep in memory (their strings and objects, estimated); overflow is counted (export_queue_bytes) and dropped. Keep it well below the collector's memory limit.")]
    [Bounds(Minimum = MinQueueBytes, Maximum = MaxQueueBytesLimit), SchemaDefault(DefaultMaxQueueBytes)]
    public long MaxQueueBytes { get; set; } = DefaultMaxQueueBytes;
}

public sealed class OtlpExportSpec
{
    [Description("OTLP/HTTP endpoint, e.g. http://otel-collector:4318.")]
    [RequiredField, StringFormat("^https?://.+")]
    public string Endpoint { get; set; } = "";
}

public sealed class FileExportSpec
{
    [Description("Path of the JSON Lines file.")]
    [RequiredField, StringFormat("^/.+")]
    public string Path { get; set; } = "";
}

public sealed class NetworkPolicySpec
{
    [Description("Create the NetworkPolicy.")]
    public bool Enabled { get; set; }
}

public sealed class RumPipelineStatus : ICustomResourceStatus
{
    [Description("The metadata.generation last reconciled.")]
    public long? ObservedGeneration { get; set; }
    [Description("Ready, Progressing and Degraded.")]
    [ListMap("type")] public List<Condition> Conditions { get; set; } = [];
    [Description("Collector replicas.")] public int? Replicas { get; set; }
    [Description("Collector replicas ready.")] public int? ReadyReplicas { get; set; }
    [Description("In-cluster URL that accepts beacons.")] public string? IngestEndpoint { get; set; }
    [Description("Hash of the collector config; pods roll when it changes.")] public string? ConfigHash { get; set; }
    [Description("SamplingPolicies applied, in priority order.")] public List<string> AppliedPolicies { get; set; } = [];
}
