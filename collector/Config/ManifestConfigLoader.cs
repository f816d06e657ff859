using System.Text;
using k8s.Models;
using RumOperator.Api;
using RumOperator.CollectorConfig;
using RumOperator.Serialization;

namespace RumCollector.Config;

/// <summary>
/// Standalone mode: builds the collector config from the manifests a user would kubectl apply,
/// with the same <see cref="CollectorConfigBuilder"/> the operator uses.
/// </summary>
public static class ManifestConfigLoader
{
    public static ConfigSnapshot Load(string path, string? pipelineName)
    {
        var set = Manifests.Load(path);
        if (set.Errors.Count > 0)
            throw new ConfigException("manifests have errors:\n  " + string.Join("\n  ", set.Errors));
        var pipelines = set.Pipelines.Select(p => p.Value).ToList();
        var pipeline = pipelineName is null
            ? pipelines.FirstOrDefault() ?? throw new ConfigException($"{path}: no RumPipeline found")
            : pipelines.FirstOrDefault(p => p.Name == pipelineName)
              ?? throw new ConfigException($"{path}: no RumPipeline named '{pipelineName}' (found: {string.Join(", ", pipelines.Select(p => p.Name))})");

        var config = CollectorConfigBuilder.Build(pipeline, set.Policies.Select(p => p.Value)).Config;
        var secrets = set.Secrets.Select(s => s.Value).Where(s => (s.Metadata.NamespaceProperty ?? "default") == pipeline.Namespace).ToList();

        var keysSecret = Find(secrets, pipeline.Spec.Ingest.KeysSecretRef.Name, "spec.ingest.keysSecretRef", path);
        var keys = SecretValues(keysSecret).ToDictionary(kv => kv.Key, kv => KeyList.Parse(kv.Value));

        byte[]? salt = null;
        if (pipeline.Spec.Privacy.UserIdHashSecretRef is { } saltRef)
        {
            var saltSecret = Find(secrets, saltRef.Name, "spec.privacy.userIdHashSecretRef", path);
            salt = SecretValues(saltSecret).TryGetValue(CollectorPaths.SaltKey, out var text) && text.Length > 0
                ? Encoding.UTF8.GetBytes(text)
                : throw new ConfigException($"{path}: Secret/{saltRef.Name}: key '{CollectorPaths.SaltKey}' is missing or empty");
        }
        return new ConfigSnapshot(config, keys.ToDictionary(kv => kv.Key, kv => kv.Value), salt, $"manifests {path} (RumPipeline/{pipeline.Name})");
    }

    private static V1Secret Find(List<V1Secret> secrets, string name, string field, string path) =>
        secrets.FirstOrDefault(s => s.Metadata.Name == name)
        ?? throw new ConfigException($"{path}: {field}: Secret/{name} not found in the manifests");

    /// <summary>Secrets come in data (base64, already decoded by the client model) or stringData form; stringData wins like the API server.</summary>
    private static Dictionary<string, string> SecretValues(V1Secret secret)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in secret.Data ?? new Dictionary<string, byte[]>()) values[k] = Encoding.UTF8.GetString(v).Trim();
        foreach (var (k, v) in secret.StringData ?? new Dictionary<string, string>()) values[k] = v.Trim();
        return values;
    }
}

/// <summary>Configuration that cannot be used; the message names the file, object and field.</summary>
public sealed class ConfigException(string message) : Exception(message);
