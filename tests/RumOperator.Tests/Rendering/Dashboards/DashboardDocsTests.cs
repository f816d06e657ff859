using System.Text;
using RumOperator.Rendering.Dashboards;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Rendering.Dashboards;

/// <summary>
/// docs/dashboards.md lists every panel and the query behind it, generated from the builders for the examples
/// (pipeline web, RumSLO checkout-lcp). Regenerate with UPDATE_DOCS=1 dotnet test --filter DashboardDocs.
/// </summary>
public class DashboardDocsTests
{
    private const string Start = "<!-- panels: generated from the builders by DashboardDocsTests; do not edit -->";
    private const string End = "<!-- end of generated panels -->";

    [Fact]
    public void The_doc_lists_every_panel_and_its_query()
    {
        var path = Path.Combine(Repo.Docs, "dashboards.md");
        var text = File.ReadAllText(path);
        var (from, to) = (text.IndexOf(Start, StringComparison.Ordinal), text.IndexOf(End, StringComparison.Ordinal));
        Assert.True(from >= 0 && to > from, $"{path} has no generated section ({Start} … {End})");
        var generated = text[..(from + Start.Length)] + "\n\n" + Tables() + "\n" + text[to..];
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1") File.WriteAllText(path, generated);
        Assert.True(text == generated, "docs/dashboards.md drifted from the builders: run UPDATE_DOCS=1 dotnet test --filter DashboardDocs");
    }

    private static string Tables()
    {
        var set = Manifests.Load(Repo.Examples);
        var pipeline = set.Pipelines.Single().Value;
        var slos = set.Slos.Select(s => s.Value).Select(s => (Slo: s, Rendered: SloEngine.Render(s, pipeline))).ToList();
        var options = new DashboardOptions { LogsDatasource = "loki" };
        var dashboards = DashboardRenderer.PipelineDashboards(pipeline, slos.Select(s => (s.Slo, s.Rendered.Plan!)), options).ToList();
        var lcp = slos.Single(s => s.Slo.Name == "checkout-lcp");
        dashboards.Add(DashboardRenderer.SloDetail(lcp.Slo, lcp.Rendered));

        var md = new StringBuilder();
        foreach (var d in dashboards)
        {
            md.Append($"### {d.Title} (`{d.Kind}`, uid `{d.Uid}`)\n\n");
            md.Append($"Variables: `$datasource`{string.Concat(d.Variables.Select(v => $", `${v.Label}`"))}.");
            if (d.Links.Count > 0) md.Append($" Links: {string.Join(", ", d.Links.Select(l => l.Title))}.");
            md.Append("\n\n| panel | shows | query |\n|---|---|---|\n");
            foreach (var p in d.Panels)
                md.Append($"| {p.Title} | {Cell(p.Description)} | {string.Join("<br>", p.Queries.Select(q => $"`{Cell(q.Expr)}`"))} |\n");
            md.Append('\n');
        }
        return md.ToString();
    }

    private static string Cell(string text) => string.Join(" ", text.Split('\n').Select(l => l.Trim())).Replace("|", "\\|");
}
