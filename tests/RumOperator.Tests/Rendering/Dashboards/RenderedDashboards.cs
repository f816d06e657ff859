using System.Text.Json.Nodes;
using RumOperator.Objects;
using RumOperator.Rendering;
using RumOperator.Rendering.Dashboards;
using RumOperator.Rendering.Pipeline;
using RumOperator.Serialization;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Rendering.Dashboards;

/// <summary>The examples rendered the way `render` does, with chosen dashboard options.</summary>
internal static class RenderedDashboards
{
    public static readonly DashboardOptions Everything = new()
    {
        GrafanaInstanceSelector = new Dictionary<string, string> { ["dashboards"] = "grafana" },
        LogsDatasource = "loki",
    };

    /// <summary>Three per pipeline (one pipeline in the examples) and one per RumSLO.</summary>
    public static int ExampleDashboardCount => 3 + Manifests.Load(Repo.Examples).Slos.Count;

    public static IReadOnlyList<DesiredObject> Examples(DashboardOptions options)
    {
        var output = ManifestRenderer.Render(Manifests.Load(Repo.Examples), new PipelineRenderOptions { CollectorImage = "collector:test", ServiceMonitorAvailable = true }, options);
        Assert.Empty(output.Errors);
        return output.Objects;
    }

    /// <summary>The dashboard JSON of every ConfigMap carrying the sidecar label.</summary>
    public static IReadOnlyList<JsonObject> Json(IEnumerable<DesiredObject> objects, DashboardOptions options) =>
        [.. objects.Where(o => o.Kind == "ConfigMap" && o.Body["metadata"]!["labels"]![options.Label]?.GetValue<string>() == options.LabelValue)
            .Select(o => JsonNode.Parse(o.Body["data"]!.AsObject().Single().Value!.GetValue<string>())!.AsObject())];
}
