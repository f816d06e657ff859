using System.Text;
using System.Text.Json.Nodes;
using RumOperator.CollectorConfig;

namespace RumOperator.LocalStack;

/// <summary>
/// What the kubelet does for a collector pod, on one machine (pure): the rendered ConfigMap's config with the
/// mount paths pointed at a local directory, and the Secret keys the pod would mount, as files.
/// </summary>
public static class CollectorFiles
{
    public sealed record Materialized(string ConfigJson, IReadOnlyDictionary<string, byte[]> Files);

    /// <param name="configJson">The ConfigMap's <see cref="CollectorPaths.ConfigFileName"/>.</param>
    /// <param name="keys">The ingest keys Secret's data (base64), mounted at <see cref="CollectorPaths.KeysDirectory"/>.</param>
    /// <param name="salt">The user-id salt Secret's data, of which only <see cref="CollectorPaths.SaltKey"/> is mounted.</param>
    public static Materialized Materialize(string configJson, JsonObject? keys, JsonObject? salt, string directory)
    {
        var (keysDir, saltDir) = (Path.Combine(directory, "keys"), Path.Combine(directory, "salt"));
        var config = JsonNode.Parse(configJson) ?? throw new FormatException("collector config is empty");
        Repoint(config, [(CollectorPaths.KeysDirectory, keysDir), (CollectorPaths.SaltDirectory, saltDir)]);

        var files = new Dictionary<string, byte[]>();
        foreach (var (key, value) in keys ?? [])
            files[Path.Combine(keysDir, key)] = Convert.FromBase64String(value?.GetValue<string>() ?? "");
        if (salt?[CollectorPaths.SaltKey]?.GetValue<string>() is { } s)
            files[Path.Combine(saltDir, CollectorPaths.SaltKey)] = Convert.FromBase64String(s);
        files[Path.Combine(directory, CollectorPaths.ConfigFileName)] = Encoding.UTF8.GetBytes(config.ToJsonString());
        return new Materialized(config.ToJsonString(), files);
    }

    /// <summary>Rewrites every string value under a mount path to the same place under the local directory.</summary>
    private static void Repoint(JsonNode node, (string From, string To)[] mounts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                    if (obj[key] is JsonValue v && v.TryGetValue<string>(out var text)) obj[key] = Repointed(text, mounts);
                    else if (obj[key] is { } child) Repoint(child, mounts);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text)) array[i] = Repointed(text, mounts);
                    else if (array[i] is { } child) Repoint(child, mounts);
                break;
        }
    }

    private static string Repointed(string text, (string From, string To)[] mounts)
    {
        foreach (var (from, to) in mounts)
            if (text == from || text.StartsWith(from + "/", StringComparison.Ordinal)) return to + text[from.Length..];
        return text;
    }
}
