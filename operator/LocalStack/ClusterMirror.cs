using System.Text.Json.Nodes;
using RumOperator.CollectorConfig;
using RumOperator.Rendering.Pipeline;
using RumOperator.Runtime.ApiServer;
using RumOperator.Serialization;

namespace RumOperator.LocalStack;

/// <summary>A RumPipeline's collector on this machine: where its files go and where it listens.</summary>
public sealed record LocalCollector(string Namespace, string Pipeline, string Directory, int Port)
{
    public string ConfigFile => Path.Combine(Directory, CollectorPaths.ConfigFileName);
    public string Url => $"http://127.0.0.1:{Port}";
    public string Job => CollectorNames.Collector(Pipeline);
}

/// <summary>
/// Turns what the operator wrote into the embedded cluster into files, as the kubelet and the Prometheus Operator
/// would: a collector's ConfigMap and mounted Secrets, and every PrometheusRule's groups in one rules file. Writes
/// only on change and says so, so the caller reloads what changed.
/// </summary>
public sealed class ClusterMirror(EmbeddedObjectStore store)
{
    public const string PrometheusRules = "monitoring.coreos.com/v1/prometheusrules";
    private readonly Dictionary<string, string> _written = [];

    /// <summary>Writes the collector's files; false while the operator has not rendered its ConfigMap yet, or nothing changed.</summary>
    public bool SyncCollector(LocalCollector collector)
    {
        var configMap = store.Get("v1/configmaps", collector.Namespace, CollectorNames.ConfigMap(collector.Pipeline));
        if (configMap?["data"]?[CollectorPaths.ConfigFileName]?.GetValue<string>() is not { } config) return false;
        var pipeline = store.Get("rumops.dev/v1alpha1/rumpipelines", collector.Namespace, collector.Pipeline);
        var keys = SecretData(collector.Namespace, pipeline?["spec"]?["ingest"]?["keysSecretRef"]?["name"]?.GetValue<string>());
        var salt = SecretData(collector.Namespace, pipeline?["spec"]?["privacy"]?["userIdHashSecretRef"]?["name"]?.GetValue<string>());
        var changed = false;
        foreach (var (path, bytes) in CollectorFiles.Materialize(config, keys, salt, collector.Directory).Files)
            changed |= Write(path, bytes);
        return changed;
    }

    /// <summary>True once the collector's config exists on disk.</summary>
    public static bool HasConfig(LocalCollector collector) => File.Exists(collector.ConfigFile);

    /// <summary>Writes every PrometheusRule's groups into one file; true when it changed.</summary>
    public bool SyncRules(string path)
    {
        var groups = new JsonArray();
        foreach (var rule in store.All(PrometheusRules).OrderBy(r => r["metadata"]?["namespace"]?.GetValue<string>()).ThenBy(r => r["metadata"]?["name"]?.GetValue<string>()))
            foreach (var group in rule["spec"]?["groups"]?.AsArray() ?? [])
                groups.Add(group!.DeepClone());
        return Write(path, System.Text.Encoding.UTF8.GetBytes(Yaml.Emit(new JsonObject { ["groups"] = groups })));
    }

    public int RuleGroups => store.All(PrometheusRules).Sum(r => r["spec"]?["groups"]?.AsArray().Count ?? 0);

    private JsonObject? SecretData(string ns, string? name) =>
        name is null ? null : store.Get("v1/secrets", ns, name)?["data"] as JsonObject;

    private bool Write(string path, byte[] bytes)
    {
        var text = Convert.ToBase64String(bytes);
        if (_written.TryGetValue(path, out var previous) && previous == text) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true); // a reader never sees half a file
        _written[path] = text;
        return true;
    }
}
