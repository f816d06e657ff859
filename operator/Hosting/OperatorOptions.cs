using RumOperator.Api;
using RumOperator.SloConsole;
using RumOperator.ReleaseGuard;
using RumOperator.Web.Admission;

namespace RumOperator.Hosting;

/// <summary>The flags of `rum-operator run`, checked before anything starts.</summary>
public sealed record OperatorOptions
{
    public string? Kubeconfig { get; init; }
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];
    public required string CollectorImage { get; init; }
    public Uri? PrometheusUrl { get; init; }
    public TimeSpan PrometheusInterval { get; init; } = TimeSpan.FromMinutes(1);
    public bool LeaderElect { get; init; }
    public int MetricsPort { get; init; } = 8080;
    public int HealthPort { get; init; } = 8081;

    /// <summary>Where the listeners bind: every interface in a pod, loopback for the local stack.</summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Any;

    /// <summary>The validating admission webhook; null when --webhook is not given.</summary>
    public AdmissionWebhookOptions? Webhook { get; init; }

    /// <summary>The read-only SLO console; null when --console-address is not given.</summary>
    public ConsoleOptions? Console { get; init; }
    /// <summary>Dashboards and canary analysis templates: the Grafana sidecar label, grafana-operator, analysis tools.</summary>
    public Rendering.Dashboards.DashboardOptions Dashboards { get; init; } = new();

    /// <summary>The release guard's receiver token and Prometheus polling.</summary>
    public ReleaseGuardOptions ReleaseGuard { get; init; } = new();

    /// <summary>Parses and checks raw flag values; every error names its flag.</summary>
    public static OperatorOptions Parse(string? kubeconfig, string? watchNamespaces, string collectorImage, string? prometheusUrl,
        string prometheusInterval, bool leaderElect, int metricsPort, int healthPort)
    {
        if (string.IsNullOrWhiteSpace(collectorImage)) throw new ArgumentException("--collector-image: must not be empty");
        Uri? prometheus = null;
        if (!string.IsNullOrWhiteSpace(prometheusUrl))
        {
            if (!Uri.TryCreate(prometheusUrl.EndsWith('/') ? prometheusUrl : prometheusUrl + "/", UriKind.Absolute, out prometheus) ||
                prometheus.Scheme is not ("http" or "https"))
                throw new ArgumentException($"--prometheus-url: '{prometheusUrl}' is not an http(s) URL");
        }
        if (!PromDuration.TryParse(prometheusInterval, out var interval) || interval < TimeSpan.FromSeconds(5))
            throw new ArgumentException($"--prometheus-interval: '{prometheusInterval}' is not a duration of at least 5s (e.g. 30s, 1m)");
        CheckPort("--metrics-port", metricsPort);
        CheckPort("--health-port", healthPort);
        return new OperatorOptions
        {
            Kubeconfig = string.IsNullOrWhiteSpace(kubeconfig) ? null : kubeconfig,
            WatchNamespaces = Runtime.Hosting.WatchNamespaces.Parse(watchNamespaces),
            CollectorImage = collectorImage,
            PrometheusUrl = prometheus,
            PrometheusInterval = interval,
            LeaderElect = leaderElect,
            MetricsPort = metricsPort,
            HealthPort = healthPort,
        };
    }

    /// <summary>
    /// Checks across flags: /alerts needs a listener of its own (ports are told apart by listener, so sharing one
    /// would serve /alerts where metrics are scraped), and TLS for it needs the webhook's certificate.
    /// </summary>
    public OperatorOptions Checked()
    {
        var alerts = ReleaseGuard.AlertsPort;
        if (alerts == MetricsPort || alerts == HealthPort || alerts == Webhook?.Port || alerts == Console?.Port)
            throw new ArgumentException($"--alerts-port: {alerts} is already the port of {(alerts == MetricsPort ? "--metrics-port" : alerts == HealthPort ? "--health-port" : alerts == Webhook?.Port ? "--webhook-port" : "--console-address")}; /alerts needs its own");
        if (Webhook is { } webhook && (webhook.Port == MetricsPort || webhook.Port == HealthPort))
            throw new ArgumentException($"--webhook-port: {webhook.Port} is already a plain HTTP port; the webhook needs its own");
        if (ReleaseGuard.AlertsTls && Webhook is null)
            throw new ArgumentException("--alerts-tls: needs --webhook, whose certificate it serves");
        return this;
    }

    private static void CheckPort(string flag, int port)
    {
        if (port is < 1 or > 65535) throw new ArgumentException($"{flag}: {port} is not a TCP port (1-65535)");
    }
}
