using RumOperator.Rendering;
using RumOperator.Rendering.Dashboards;
using RumOperator.Rendering.Pipeline;
using RumOperator.Serialization;

namespace RumOperator.Cli;

/// <summary>Reads manifests for render and validate and prints problems as file: Kind/name: field: reason.</summary>
internal static class ManifestInput
{
    public static RenderOutput Render(string[] paths, string collectorImage, DashboardOptions? dashboards = null) =>
        ManifestRenderer.Render(Manifests.Load(paths), new PipelineRenderOptions { CollectorImage = collectorImage, ServiceMonitorAvailable = true }, dashboards);

    public static void Report(RenderOutput output, TextWriter stderr)
    {
        foreach (var w in output.Warnings) stderr.WriteLine($"warning: {w}");
        foreach (var e in output.Errors) stderr.WriteLine(e);
    }
}
