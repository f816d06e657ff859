using System.CommandLine;
using RumOperator.Rendering.Dashboards;

namespace RumOperator.Cli;

/// <summary>
/// The dashboard and canary-analysis flags of `run` and `render`. They describe the cluster's Grafana and Prometheus
/// (set once, in the chart's values), not an SLO, so they are flags rather than spec fields.
/// </summary>
internal sealed class DashboardFlags
{
    public const string ArgoRollouts = "argo-rollouts";
    public const string Flagger = "flagger";

    private static readonly DashboardOptions Defaults = new();

    public Option<bool> NoConfigMaps { get; } = new("--no-dashboard-configmaps") { Description = "Do not render dashboards as ConfigMaps for the Grafana sidecar" };

    public Option<string> Label { get; } = new("--dashboard-label")
    {
        Description = "label=value the Grafana sidecar selects dashboard ConfigMaps by (kube-prometheus-stack: grafana.sidecar.dashboards.label / labelValue)",
        DefaultValueFactory = _ => $"{Defaults.Label}={Defaults.LabelValue}",
    };

    public Option<string> FolderAnnotation { get; } = new("--dashboard-folder-annotation")
    {
        Description = "Annotation naming the Grafana folder (kube-prometheus-stack: grafana.sidecar.dashboards.folderAnnotation)",
        DefaultValueFactory = _ => Defaults.FolderAnnotation,
    };

    public Option<string> Folder { get; } = new("--dashboard-folder") { Description = "Grafana folder of the dashboards", DefaultValueFactory = _ => Defaults.Folder };

    public Option<string?> GrafanaInstanceSelector { get; } = new("--grafana-instance-selector")
    {
        Description = "Comma-separated key=value matchLabels of grafana-operator Grafana instances; renders GrafanaDashboard objects",
    };

    public Option<string?> LogsDatasource { get; } = new("--logs-datasource") { Description = "Uid of the Grafana logs datasource with the raw events; the debug dashboard links to it" };

    public Option<string> CanaryAnalysis { get; } = new("--canary-analysis")
    {
        Description = $"Canary analysis templates per RumSLO grouped by release: comma-separated {ArgoRollouts}, {Flagger}; empty for none",
        DefaultValueFactory = _ => $"{ArgoRollouts},{Flagger}",
    };

    public Option<string> AnalysisPrometheus { get; } = new("--analysis-prometheus-url")
    {
        Description = "Prometheus URL the analysis templates query",
        DefaultValueFactory = _ => Defaults.PrometheusAddress,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { NoConfigMaps, Label, FolderAnnotation, Folder, GrafanaInstanceSelector, LogsDatasource, CanaryAnalysis, AnalysisPrometheus })
            command.Options.Add(option);
    }

    public DashboardOptions Read(ParseResult parse)
    {
        var label = DashboardOptions.ParsePair("--dashboard-label", parse.GetValue(Label)!);
        var selector = (parse.GetValue(GrafanaInstanceSelector) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => DashboardOptions.ParsePair("--grafana-instance-selector", p))
            .ToDictionary(p => p.Key, p => p.Value);
        var tools = (parse.GetValue(CanaryAnalysis) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tools.FirstOrDefault(t => t is not (ArgoRollouts or Flagger)) is { } unknown)
            throw new ArgumentException($"--canary-analysis: '{unknown}' is neither {ArgoRollouts} nor {Flagger}");
        var address = parse.GetValue(AnalysisPrometheus)!;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--analysis-prometheus-url: '{address}' is not an http(s) URL");
        return new DashboardOptions
        {
            ConfigMaps = !parse.GetValue(NoConfigMaps),
            Label = label.Key,
            LabelValue = label.Value,
            FolderAnnotation = parse.GetValue(FolderAnnotation)!,
            Folder = parse.GetValue(Folder)!,
            GrafanaInstanceSelector = selector.Count > 0 ? selector : null,
            LogsDatasource = parse.GetValue(LogsDatasource) is { Length: > 0 } logs ? logs : null,
            AnalysisTemplates = tools.Contains(ArgoRollouts),
            MetricTemplates = tools.Contains(Flagger),
            PrometheusAddress = address,
        };
    }
}
