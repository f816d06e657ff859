using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Rendering.Dashboards;
using RumOperator.Rendering.Pipeline;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Validation;

namespace RumOperator.Rendering;

/// <summary>Everything the operator would apply for a set of manifests, and the problems that stop it.</summary>
public sealed record RenderOutput(IReadOnlyList<DesiredObject> Objects, IReadOnlyList<ManifestError> Errors, IReadOnlyList<ManifestError> Warnings);

/// <summary>
/// Pure: manifests in, desired objects out, through the same functions the reconcilers use.
/// This is what `rum-operator render` prints and `validate` checks.
/// </summary>
public static class ManifestRenderer
{
    public static RenderOutput Render(ManifestSet set, PipelineRenderOptions options, DashboardOptions? dashboards = null)
    {
        dashboards ??= new DashboardOptions();
        var objects = new List<DesiredObject>();
        var errors = new List<ManifestError>(set.Errors);
        var warnings = new List<ManifestError>();
        var policies = set.Policies.Select(p => p.Value).ToList();

        foreach (var (doc, policy) in set.Policies)
            errors.AddRange(Validators.Validate(policy).Select(e => Error(doc, e)));

        var rendered = new List<(RumSlo, Slo.AlertWindowPlan)>();
        foreach (var (doc, slo) in set.Slos)
        {
            var pipeline = set.Pipelines.Select(p => p.Value)
                .FirstOrDefault(p => p.Namespace == slo.Namespace && p.Name == slo.Spec.PipelineRef.Name);
            if (pipeline is null && !string.IsNullOrEmpty(slo.Spec.PipelineRef.Name))
                warnings.Add(new ManifestError(doc.Source, doc.Describe, "spec.pipelineRef.name",
                    $"RumPipeline {slo.Namespace}/{slo.Spec.PipelineRef.Name} is not among these manifests; checked against default buckets and labels"));
            var result = SloEngine.Render(slo, pipeline);
            errors.AddRange(result.Errors.Select(e => Error(doc, e)));
            if (result.PrometheusRule is { } rule) objects.Add(rule);
            if (result.Ok)
            {
                objects.AddRange(DashboardRenderer.ForSlo(slo, result, dashboards, owner: null));
                rendered.Add((slo, result.Plan!));
            }
        }

        foreach (var (doc, pipeline) in set.Pipelines)
        {
            var problems = Validators.Validate(pipeline);
            errors.AddRange(problems.Select(e => Error(doc, e)));
            if (problems.Count > 0) continue;
            objects.AddRange(PipelineRenderer.Render(pipeline, policies, options, owner: null));
            objects.AddRange(DashboardRenderer.ForPipeline(pipeline, rendered, dashboards, owner: null));
        }

        return new RenderOutput(StableOrder(objects), errors, warnings);
    }

    private static ManifestError Error(ManifestDocument doc, FieldError e) => new(doc.Source, doc.Describe, e.Field, e.Reason);

    /// <summary>Namespace, then apply order (<see cref="OperatorKinds"/>: ServiceAccount and ConfigMap before the Deployment that uses them), then name.</summary>
    private static IReadOnlyList<DesiredObject> StableOrder(IEnumerable<DesiredObject> objects)
    {
        return objects
            .OrderBy(o => o.Namespace, StringComparer.Ordinal)
            .ThenBy(o => OperatorKinds.ApplyOrder(o.Kind))
            .ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
    }
}
