namespace RumOperator.Rendering.Dashboards;

public enum PanelKind { TimeSeries, Stat, Table, BarGauge }

/// <summary>One PromQL query of a panel and its legend ("{{release}}").</summary>
public sealed record PanelQuery(string Expr, string Legend = "");

/// <summary>A panel: what it shows (for docs/dashboards.md) and the queries behind it. Width in Grafana's 24 columns.</summary>
public sealed record Panel(string Title, PanelKind Kind, string Unit, string Description, IReadOnlyList<PanelQuery> Queries, int Width = 12)
{
    /// <summary>A table whose queries are merged into one table on their common labels (Grafana's merge transformation), not one table per query.</summary>
    public bool MergeTable { get; init; }
}

/// <summary>A template variable over one label, filled from the label's values on <paramref name="Series"/> (a selector).</summary>
public sealed record LabelVariable(string Label, string Series);

/// <summary>A link at the top of the dashboard (the raw events in the logs datasource).</summary>
public sealed record DashboardLink(string Title, string Url);

/// <summary>A dashboard as the builders describe it; <see cref="DashboardJson"/> turns it into Grafana's model.</summary>
public sealed record Dashboard(string Uid, string Title, string Kind, IReadOnlyList<string> Tags, IReadOnlyList<LabelVariable> Variables, IReadOnlyList<Panel> Panels)
{
    public IReadOnlyList<DashboardLink> Links { get; init; } = [];
}
