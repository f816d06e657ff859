using System.Text.Json.Nodes;

namespace RumOperator.Rendering.Dashboards;

/// <summary>Pure: <see cref="Dashboard"/> → Grafana dashboard JSON (schema 39), every panel on the ${datasource} variable.</summary>
public static class DashboardJson
{
    public const string DatasourceVariable = "datasource";
    public const string DatasourceRef = "${" + DatasourceVariable + "}";
    private const int Columns = 24;

    public static JsonObject Build(Dashboard dashboard)
    {
        var panels = new JsonArray();
        int x = 0, y = 0, rowHeight = 0, id = 1;
        foreach (var panel in dashboard.Panels)
        {
            var height = panel.Kind == PanelKind.Stat ? 4 : 8;
            if (x + panel.Width > Columns) (x, y, rowHeight) = (0, y + rowHeight, 0);
            panels.Add(Panel(panel, id++, x, y, height));
            x += panel.Width;
            rowHeight = Math.Max(rowHeight, height);
        }
        var variables = new JsonArray { DatasourceVariableJson() };
        foreach (var v in dashboard.Variables) variables.Add(Variable(v));
        return new JsonObject
        {
            ["uid"] = dashboard.Uid,
            ["title"] = dashboard.Title,
            ["tags"] = new JsonArray([.. dashboard.Tags.Select(t => (JsonNode)t)]),
            ["editable"] = true,
            ["schemaVersion"] = 39,
            ["version"] = 1,
            ["timezone"] = "browser",
            ["refresh"] = "1m",
            ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
            ["templating"] = new JsonObject { ["list"] = variables },
            ["links"] = new JsonArray([.. dashboard.Links.Select(l => (JsonNode)new JsonObject
            {
                ["title"] = l.Title,
                ["type"] = "link",
                ["url"] = l.Url,
                ["keepTime"] = true,
                ["includeVars"] = true,
                ["targetBlank"] = true,
            })]),
            ["panels"] = panels,
        };
    }

    private static JsonObject Datasource() => new() { ["type"] = "prometheus", ["uid"] = DatasourceRef };

    private static JsonObject Panel(Panel panel, int id, int x, int y, int height)
    {
        var table = panel.Kind == PanelKind.Table;
        var refId = 'A';
        return new JsonObject
        {
            ["id"] = id,
            ["type"] = panel.Kind switch
            {
                PanelKind.Stat => "stat",
                PanelKind.Table => "table",
                PanelKind.BarGauge => "bargauge",
                _ => "timeseries",
            },
            ["title"] = panel.Title,
            ["description"] = panel.Description,
            ["datasource"] = Datasource(),
            ["gridPos"] = new JsonObject { ["x"] = x, ["y"] = y, ["w"] = panel.Width, ["h"] = height },
            ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = panel.Unit }, ["overrides"] = new JsonArray() },
            ["options"] = new JsonObject(),
            ["transformations"] = panel.MergeTable ? MergeTransformations(panel) : new JsonArray(),
            ["targets"] = new JsonArray([.. panel.Queries.Select(q => (JsonNode)new JsonObject
            {
                ["refId"] = (refId++).ToString(),
                ["datasource"] = Datasource(),
                ["expr"] = q.Expr,
                ["legendFormat"] = q.Legend,
                ["instant"] = table || panel.Kind == PanelKind.BarGauge,
                ["range"] = !(table || panel.Kind == PanelKind.BarGauge),
                ["format"] = table ? "table" : "time_series",
            })]),
        };
    }

    /// <summary>Merge the queries' tables into one on their common labels, their values named by the queries' legends.</summary>
    private static JsonArray MergeTransformations(Panel panel)
    {
        var names = new JsonObject();
        var refId = 'A';
        foreach (var q in panel.Queries) names[$"Value #{refId++}"] = q.Legend;
        return
        [
            new JsonObject { ["id"] = "merge", ["options"] = new JsonObject() },
            new JsonObject { ["id"] = "organize", ["options"] = new JsonObject { ["excludeByName"] = new JsonObject { ["Time"] = true }, ["renameByName"] = names } },
        ];
    }

    private static JsonObject DatasourceVariableJson() => new()
    {
        ["name"] = DatasourceVariable,
        ["label"] = "Prometheus",
        ["type"] = "datasource",
        ["query"] = "prometheus",
        ["hide"] = 0,
        ["refresh"] = 1,
        ["regex"] = "",
        ["current"] = new JsonObject(),
    };

    /// <summary>label_values(series, label): a Grafana function, not PromQL; multi-select with All meaning any value.</summary>
    public static string VariableQuery(LabelVariable v) => $"label_values({v.Series}, {v.Label})";

    private static JsonObject Variable(LabelVariable v) => new()
    {
        ["name"] = v.Label,
        ["label"] = v.Label,
        ["type"] = "query",
        ["datasource"] = Datasource(),
        ["definition"] = VariableQuery(v),
        ["query"] = new JsonObject { ["query"] = VariableQuery(v), ["refId"] = "PrometheusVariableQueryEditor-VariableQuery" },
        ["refresh"] = 2,
        ["sort"] = 1,
        ["multi"] = true,
        ["includeAll"] = true,
        ["allValue"] = DashboardFilter.AnyValue,
        ["current"] = new JsonObject { ["text"] = "All", ["value"] = "$__all" },
        ["hide"] = 0,
    };
}
