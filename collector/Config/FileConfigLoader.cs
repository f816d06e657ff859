using System.Text;
using System.Text.Json;
using RumOperator.Serialization;

namespace RumCollector.Config;

/// <summary>
/// In-cluster mode: the operator's ConfigMap (collector.json) plus the mounted keys Secret
/// (one file per app) and salt file.
/// </summary>
public static class FileConfigLoader
{
    public static ConfigSnapshot Load(string configPath)
    {
        CollectorConfigType config;
        try
        {
            config = Parse(File.ReadAllBytes(configPath)) ?? throw new ConfigException($"{configPath}: empty config");
        }
        catch (JsonException e) { throw new ConfigException($"{configPath}: {Manifests.JsonPathToField(e.Path)}: {e.Message.Split('\n')[0]}"); }
        catch (IOException e) { throw new ConfigException($"{configPath}: {e.Message}"); }

        return new ConfigSnapshot(config, ReadKeys(config.Ingest.KeysPath), ReadSalt(config.Privacy.SaltPath), $"file {configPath}");
    }

    /// <summary>Editors on some platforms prepend a UTF-8 byte order mark; JSON readers reject it.</summary>
    private static CollectorConfigType? Parse(byte[] bytes) =>
        JsonSerializer.Deserialize<CollectorConfigType>(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes, RumJson.Lenient);

    /// <summary>Secret volumes hold each key as a file plus hidden ..data links; only visible files are apps.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadKeys(string directory)
    {
        if (!Directory.Exists(directory)) throw new ConfigException($"{directory}: keys directory does not exist");
        return Directory.EnumerateFiles(directory)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToDictionary(f => Path.GetFileName(f), f => KeyList.Parse(File.ReadAllText(f)), StringComparer.Ordinal);
    }

    private static byte[]? ReadSalt(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new ConfigException($"{path}: salt file does not exist");
        var text = File.ReadAllText(path).Trim();
        return text.Length == 0 ? throw new ConfigException($"{path}: salt file is empty") : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A fingerprint of every input file, so the reloader notices a change of any of them.</summary>
    public static string Fingerprint(string configPath)
    {
        var sb = new StringBuilder();
        void Add(string file) { if (File.Exists(file)) sb.Append(file).Append('=').Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))).Append(';'); }
        Add(configPath);
        try
        {
            var config = Parse(File.ReadAllBytes(configPath));
            if (config is not null)
            {
                if (Directory.Exists(config.Ingest.KeysPath))
                    foreach (var f in Directory.EnumerateFiles(config.Ingest.KeysPath).Order(StringComparer.Ordinal)) Add(f);
                if (config.Privacy.SaltPath is { } salt) Add(salt);
            }
        }
        catch (Exception e) when (e is JsonException or IOException) { sb.Append("unreadable"); }
        return sb.ToString();
    }
}
