namespace RumOperator.Rendering.Dashboards;

/// <summary>
/// How dashboards and canary analysis templates are rendered: operator flags (Helm values) plus cluster discovery.
/// The defaults match kube-prometheus-stack's Grafana sidecar (<c>grafana.sidecar.dashboards.label: grafana_dashboard</c>,
/// <c>labelValue: "1"</c>); the folder annotation matches its <c>folderAnnotation</c> setting when one is set.
/// </summary>
public sealed record DashboardOptions
{
    public const string DefaultLabel = "grafana_dashboard";
    public const string DefaultLabelValue = "1";
    public const string DefaultFolderAnnotation = "grafana_folder";
    public const string DefaultFolder = "RUM";

    /// <summary>kube-prometheus-stack's Prometheus Service (prometheus-operated, created by the Prometheus Operator) in its usual namespace.</summary>
    public const string DefaultPrometheusAddress = "http://prometheus-operated.monitoring.svc:9090";

    /// <summary>Dashboards as ConfigMaps for the Grafana sidecar.</summary>
    public bool ConfigMaps { get; init; } = true;

    public string Label { get; init; } = DefaultLabel;
    public string LabelValue { get; init; } = DefaultLabelValue;
    public string FolderAnnotation { get; init; } = DefaultFolderAnnotation;
    public string Folder { get; init; } = DefaultFolder;

    /// <summary>matchLabels of grafana-operator's Grafana instances; GrafanaDashboard objects are rendered only when set.</summary>
    public IReadOnlyDictionary<string, string>? GrafanaInstanceSelector { get; init; }

    /// <summary>The uid of a Grafana logs datasource holding the collector's raw events; the debug dashboard links to it.</summary>
    public string? LogsDatasource { get; init; }

    /// <summary>Argo Rollouts AnalysisTemplate and Flagger MetricTemplate per RumSLO.</summary>
    public bool AnalysisTemplates { get; init; } = true;
    public bool MetricTemplates { get; init; } = true;

    /// <summary>The Prometheus the analysis templates query (Argo: the default of the prometheus-address argument).</summary>
    public string PrometheusAddress { get; init; } = DefaultPrometheusAddress;

    public bool GrafanaDashboards => GrafanaInstanceSelector is { Count: > 0 };

    /// <summary>Parses key=value (a label or matchLabels entry), naming the flag on error.</summary>
    public static KeyValuePair<string, string> ParsePair(string flag, string text)
    {
        var i = text.IndexOf('=');
        if (i <= 0)
            throw new ArgumentException($"{flag}: '{text}' is not key=value");
        return KeyValuePair.Create(text[..i].Trim(), text[(i + 1)..].Trim());
    }
}
