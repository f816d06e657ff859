using RumOperator.Api;
using RumOperator.Metrics;
using RumOperator.Rendering.Pipeline;

namespace RumOperator.Rendering.Dashboards;

/// <summary>What the three pipeline dashboards share: the pipeline, its filter and variables, and the SLOs over it.</summary>
public sealed class PipelineDashboardContext
{
    public PipelineDashboardContext(RumPipeline pipeline, IReadOnlyList<DashboardSlo> slos, string? logsDatasource)
    {
        Pipeline = pipeline;
        var exported = pipeline.Spec.Metrics.Labels;
        var labels = DashboardFilter.FilterLabels.Where(exported.Contains).ToList();
        Filter = new DashboardFilter(
            [KeyValuePair.Create("namespace", pipeline.Namespace), KeyValuePair.Create("job", CollectorNames.Collector(pipeline.Name))], labels);
        Queries = new RumQueries(Filter);
        Slos = new SloPanels(pipeline.Namespace, slos, labels.Contains(RumLabels.Release));
        LogsDatasource = logsDatasource;
    }

    public RumPipeline Pipeline { get; }
    public DashboardFilter Filter { get; }
    public RumQueries Queries { get; }
    public SloPanels Slos { get; }
    public string? LogsDatasource { get; }

    /// <summary>Labels the pipeline exports besides the filter labels (os), for breakdowns.</summary>
    public IReadOnlyList<string> ExportedLabels => Pipeline.Spec.Metrics.Labels;

    /// <summary>One variable per filter label the pipeline exports, its values read from the page views.</summary>
    public IReadOnlyList<LabelVariable> Variables() =>
        [.. Filter.VariableLabels.Select(l => new LabelVariable(l, Filter.Unfiltered(Metrics.RumMetrics.PageViews)))];

    public string Uid(string dashboard) => DashboardUid.For(Pipeline.Namespace, Pipeline.Name, dashboard);

    public string Title(string dashboard) => $"RUM {dashboard}: {Pipeline.Namespace}/{Pipeline.Name}";

    public IReadOnlyList<string> Tags(string dashboard) => ["rum", dashboard, $"pipeline:{Pipeline.Name}"];
}
