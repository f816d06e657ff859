using RumOperator.Api;
using RumOperator.PrometheusApi;
using RumOperator.Slo;

namespace RumOperator.SloConsole.Data;

/// <summary>Alert state as the list and detail show it, worst first.</summary>
public enum AlertState { Firing, Pending, Ok, NoData }

/// <summary>One group (release) of an SLO: figures are null when Prometheus has none.</summary>
public sealed record GroupFigures(string Group, double? Sli, double? Budget, double? Burn, double? Events, bool LowTraffic);

/// <summary>A row of the SLO list.</summary>
public sealed record SloRow(
    RumSlo Slo, string Window, decimal Objective, double? Availability, double? Budget, AlertState Alert, string? FiringAlert,
    IReadOnlyList<GroupFigures> Groups, RollbackRecord? LastAction, string? RenderError)
{
    public string Namespace => Slo.Namespace;
    public string Name => Slo.Name;
    public IReadOnlyDictionary<string, string> Labels => Slo.Metadata.Labels as IReadOnlyDictionary<string, string> ?? new Dictionary<string, string>();
}

/// <summary>What the list shows: its rows (filtered and sorted), the namespaces to choose from and any Prometheus trouble.</summary>
public sealed record SloList(IReadOnlyList<SloRow> Rows, int Total, IReadOnlyList<string> Namespaces, string? PrometheusError);

/// <summary>A burn-rate alert condition of the detail page.</summary>
public sealed record AlertRow(
    string Alert, string Severity, AlertState State, decimal Threshold, TimeSpan Exhaustion, TimeSpan Long, TimeSpan Short,
    double? LongBurn, double? ShortBurn, TimeSpan? For, PromSeries? LongSeries, PromSeries? ShortSeries);

/// <summary>Everything the detail page shows of one SLO.</summary>
public sealed record SloDetail(
    SloRow Row, AlertWindowPlan? Plan, IReadOnlyList<PromSeries> BudgetSeries, IReadOnlyList<PromSeries> SliSeries,
    IReadOnlyList<AlertRow> Alerts, string Manifest, string? PrometheusError)
{
    /// <summary>The span the graphs cover.</summary>
    public TimeSpan Range { get; init; }
}

/// <summary>A pipeline's health: replicas from status, throughput and drops from the collectors' own metrics.</summary>
public sealed record PipelineRow(
    string Namespace, string Name, int? Replicas, int? Ready, double? ScrapedUp, double? EventsPerSecond,
    IReadOnlyList<KeyValuePair<string, double>> DroppedPerSecond, IReadOnlyList<KeyValuePair<string, double>> RejectedPerSecond,
    double? SeriesUsed, double? SeriesMax);

public sealed record PipelineList(IReadOnlyList<PipelineRow> Rows, string? PrometheusError);

/// <summary>
/// One error group of the errors view. Text is null for <c>__other__</c> and for a group whose info series was not
/// scraped; first and last seen are within the view's range, at its step.
/// </summary>
public sealed record ErrorGroupRow(
    string Namespace, string Job, string App, string Group, double Events, double? Sessions, IReadOnlyList<string> Releases,
    string? Type, string? Message, string? Frame, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen);

public sealed record ErrorGroupList(ErrorFilter Filter, IReadOnlyList<ErrorGroupRow> Rows, TimeSpan Step, string? PrometheusError);
