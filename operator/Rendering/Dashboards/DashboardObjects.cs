using System.Text.Json.Nodes;
using RumOperator.Objects;

namespace RumOperator.Rendering.Dashboards;

/// <summary>Pure: a dashboard → a ConfigMap for the Grafana sidecar and, optionally, a grafana-operator GrafanaDashboard.</summary>
public static class DashboardObjects
{
    /// <summary>Indented and without \u0022 escapes (the JSON never lands in HTML): the ConfigMap stays readable in `render` output and in diffs.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Object name of a dashboard: owner name and dashboard kind, e.g. web-dashboard-executive.</summary>
    public static string Name(string ownerName, string kind) => $"{ownerName}-dashboard-{kind}";

    public static IEnumerable<DesiredObject> Build(Dashboard dashboard, string ns, string name, JsonObject labels, Owner? owner, DashboardOptions options)
    {
        var json = DashboardJson.Build(dashboard).ToJsonString(Indented);
        if (options.ConfigMaps)
        {
            var cmLabels = (JsonObject)labels.DeepClone();
            cmLabels[options.Label] = options.LabelValue;
            var fields = new JsonObject { ["data"] = new JsonObject { [$"{dashboard.Uid}.json"] = json } };
            yield return DesiredObject.Create(OperatorKinds.ConfigMap, ns, name, cmLabels, owner, fields, new JsonObject { [options.FolderAnnotation] = options.Folder });
        }
        if (options.GrafanaDashboards)
        {
            var spec = new JsonObject
            {
                ["instanceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject(options.GrafanaInstanceSelector!.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))) },
                // The Grafana instance usually lives in another namespace (monitoring) than the app's dashboards.
                ["allowCrossNamespaceImport"] = true,
                ["folder"] = options.Folder,
                ["uid"] = dashboard.Uid,
                ["json"] = json,
            };
            yield return DesiredObject.Create(OperatorKinds.GrafanaDashboard, ns, name, (JsonObject)labels.DeepClone(), owner, new JsonObject { ["spec"] = spec });
        }
    }
}
