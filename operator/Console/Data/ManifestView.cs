using System.Text.Json;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Serialization;

namespace RumOperator.SloConsole.Data;

/// <summary>
/// The manifest as the console shows it: apiVersion, kind, name, namespace, labels and spec. Annotations are left
/// out (kubectl's last-applied-configuration repeats the whole spec, unredacted), status is shown elsewhere, and a
/// webhook URL loses its user info, query and fragment, where tokens travel. Secrets are references by name only.
/// </summary>
public static class ManifestView
{
    public static string Render(RumSlo slo)
    {
        var spec = JsonSerializer.SerializeToNode(slo.Spec, RumJson.Lenient)!.AsObject();
        if (spec["rollback"]?["webhook"] is JsonObject webhook && webhook["url"]?.GetValue<string>() is { } url)
            webhook["url"] = WithoutSecrets(url);
        var metadata = new JsonObject { ["name"] = slo.Name, ["namespace"] = slo.Namespace };
        if (slo.Metadata.Labels is { Count: > 0 } labels)
            metadata["labels"] = new JsonObject(labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        var yaml = Yaml.Emit(new JsonObject
        {
            ["apiVersion"] = slo.ApiVersion, ["kind"] = RumSlo.KindName, ["metadata"] = metadata, ["spec"] = spec,
        });
        return yaml.StartsWith("---\n", StringComparison.Ordinal) ? yaml[4..] : yaml;
    }

    /// <summary>scheme://host[:port]/path, or a placeholder when the text is no absolute URL (it could be anything).</summary>
    public static string WithoutSecrets(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(not shown: not an http(s) URL)";
}
