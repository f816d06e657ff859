using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Rendering.Canary;
using RumOperator.Rendering.Pipeline;
using RumOperator.Slo;

namespace RumOperator.Rendering.Dashboards;

/// <summary>
/// Pure: a RumPipeline (and the valid RumSLOs over it) → its executive, on-call and debug dashboards; a rendered
/// RumSLO → its detail dashboard and canary analysis templates.
/// </summary>
public static class DashboardRenderer
{
    public static IReadOnlyList<Func<PipelineDashboardContext, Dashboard>> PipelineBuilders { get; } =
        [ExecutiveDashboard.Build, OnCallDashboard.Build, DebugDashboard.Build];

    /// <param name="slos">The RumSLOs of the pipeline's namespace whose pipelineRef names it, each with its rendered plan.</param>
    public static IReadOnlyList<Dashboard> PipelineDashboards(RumPipeline pipeline, IEnumerable<(RumSlo Slo, AlertWindowPlan Plan)> slos, DashboardOptions options)
    {
        var context = Context(pipeline, slos, options);
        return [.. PipelineBuilders.Select(build => build(context))];
    }

    public static PipelineDashboardContext Context(RumPipeline pipeline, IEnumerable<(RumSlo Slo, AlertWindowPlan Plan)> slos, DashboardOptions options) =>
        new(pipeline,
            [.. slos.Where(s => s.Slo.Namespace == pipeline.Namespace && s.Slo.Spec.PipelineRef.Name == pipeline.Name)
                .OrderBy(s => s.Slo.Name, StringComparer.Ordinal)
                .Select(s => new DashboardSlo(s.Slo.Name, SloSeries.For(s.Slo, s.Plan)))],
            options.LogsDatasource);

    public static IReadOnlyList<DesiredObject> ForPipeline(RumPipeline pipeline, IEnumerable<(RumSlo Slo, AlertWindowPlan Plan)> slos, DashboardOptions options, Owner? owner) =>
        [.. PipelineDashboards(pipeline, slos, options).SelectMany(d =>
            DashboardObjects.Build(d, pipeline.Namespace, DashboardObjects.Name(pipeline.Name, d.Kind), ObjectLabels.Standard(RumPipeline.KindName, pipeline.Name), owner, options))];

    public static Dashboard SloDetail(RumSlo slo, SloRenderResult rendered) =>
        SloDashboard.Build(slo, SloSeries.For(slo, rendered.Plan!), rendered.Page?.Events);

    /// <summary>The detail dashboard and, when the SLO groups by release, the canary analysis templates.</summary>
    public static IReadOnlyList<DesiredObject> ForSlo(RumSlo slo, SloRenderResult rendered, DashboardOptions options, Owner? owner)
    {
        var objects = DashboardObjects.Build(SloDetail(slo, rendered), slo.Namespace, DashboardObjects.Name(RuleNames.PrometheusRuleName(slo.Name), SloDashboard.Kind),
            ObjectLabels.Standard(RumSlo.KindName, slo.Name), owner, options).ToList();
        if (!CanaryQuery.Applies(slo)) return objects;
        var series = SloSeries.For(slo, rendered.Plan!);
        if (options.AnalysisTemplates) objects.Add(AnalysisTemplateBuilder.Build(slo, series, options.PrometheusAddress, owner));
        if (options.MetricTemplates) objects.Add(MetricTemplateBuilder.Build(slo, series, options.PrometheusAddress, owner));
        return objects;
    }
}
