using Prometheus;

namespace RumOperator.ReleaseGuard;

/// <summary>A key of a Secret: where the Alertmanager bearer token lives.</summary>
public sealed record SecretKeyReference(string Namespace, string Name, string Key = "token")
{
    /// <summary>Parses a flag value "namespace/name" or "namespace/name:key" (key defaults to token).</summary>
    public static SecretKeyReference Parse(string flag, string value)
    {
        var (path, key) = value.Split(':', 2) is [var p, var k] ? (p, k) : (value, "token");
        return path.Split('/') is [{ Length: > 0 } ns, { Length: > 0 } name] && key.Length > 0
            ? new SecretKeyReference(ns, name, key)
            : throw new FormatException($"{flag}: '{value}' is not namespace/name or namespace/name:key");
    }
}

/// <summary>Flags of the run command that concern the release guard.</summary>
public sealed record ReleaseGuardOptions
{
    /// <summary>File holding the bearer token Alertmanager must send (e.g. a mounted Secret); wins over <see cref="AlertTokenSecret"/>.</summary>
    public string? AlertTokenFile { get; init; }

    /// <summary>Secret key holding the bearer token, read through the API server.</summary>
    public SecretKeyReference? AlertTokenSecret { get; init; }

    /// <summary>How long a token read is trusted, so a rotated Secret takes effect without a restart.</summary>
    public TimeSpan TokenCacheTtl { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The port of /alerts: its own listener, so the metrics and health ports never serve it.</summary>
    public int AlertsPort { get; init; } = 8082;

    /// <summary>Serve /alerts over HTTPS with the admission webhook's certificate.</summary>
    public bool AlertsTls { get; init; }

    /// <summary>Prometheus HTTP API for the polling fallback (--prometheus-url); null disables polling.</summary>
    public Uri? PrometheusUrl { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Namespaces whose RumSLOs the poller reads; empty means all.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Retries of the rollback webhook after the first attempt (exponential backoff with jitter).</summary>
    public int WebhookRetries { get; init; } = 4;

    public TimeSpan WebhookRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan WebhookAttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>status.rollbacks keeps this many newest records.</summary>
    public int MaxRollbackRecords { get; init; } = 50;

    /// <summary>status.failedRollbacks keeps this many newest failed attempts (apart from status.rollbacks).</summary>
    public int MaxFailedRecords { get; init; } = 10;

    /// <summary>
    /// The deadline of one action (webhook retries included): a target that hangs fails after this and holds one
    /// decision lane meanwhile, never the other SLOs. An InProgress record older than twice this is a crashed
    /// attempt and no longer counts as handled.
    /// </summary>
    public TimeSpan ActionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>SLOs decided at the same time (each SLO by one lane at a time).</summary>
    public int DecisionLanes { get; init; } = 4;

    /// <summary>
    /// Hosts rollback.webhook.url may name (--rollback-webhook-allowed-hosts): exact names, or "*.example.com" for
    /// any subdomain. Empty: no webhook is called (every webhook rollback is refused).
    /// </summary>
    public IReadOnlyList<string> WebhookAllowedHosts { get; init; } = [];

    /// <summary>Whether a webhook URL may use plain http (--rollback-webhook-allow-http); https otherwise.</summary>
    public bool WebhookAllowHttp { get; init; }

    /// <summary>Signals waiting for a decision; more are dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>Registry for the guard's metrics; tests pass their own.</summary>
    public CollectorRegistry? MetricsRegistry { get; init; }
}
