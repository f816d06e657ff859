using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RumCollector.Config;
using RumOperator.Serialization;

namespace RumCollector.Tests.Support;

/// <summary>The example pipeline as a config snapshot, and helpers to write it as the operator would mount it.</summary>
public static class TestConfig
{
    public static ConfigSnapshot Example(Action<CollectorConfigType>? change = null)
    {
        var snapshot = ManifestConfigLoader.Load(Repo.Examples, null);
        // A deep copy, so a test's change never leaks into another test.
        var config = JsonSerializer.Deserialize<CollectorConfigType>(JsonSerializer.Serialize(snapshot.Config, RumJson.Lenient), RumJson.Lenient)!;
        config.Export.OtlpEndpoint = null;
        change?.Invoke(config);
        return snapshot with { Config = config };
    }

    public static CollectorState State(Action<CollectorConfigType>? change = null, TimeProvider? time = null) =>
        new StateHolder(time ?? new FakeTimeProvider(), NullLogger<StateHolder>.Instance).Apply(Example(change));

    /// <summary>Writes collector.json, the keys directory and the salt file like the operator's mounts; returns the config path.</summary>
    public static string WriteMounted(string directory, ConfigSnapshot snapshot)
    {
        var keys = Path.Combine(directory, "keys");
        Directory.CreateDirectory(keys);
        foreach (var (app, list) in snapshot.KeysByApp) File.WriteAllText(Path.Combine(keys, app), string.Join(",", list));
        var config = snapshot.Config;
        config.Ingest.KeysPath = keys;
        if (snapshot.Salt is not null)
        {
            config.Privacy.SaltPath = Path.Combine(directory, "salt");
            File.WriteAllBytes(config.Privacy.SaltPath, snapshot.Salt);
        }
        var path = Path.Combine(directory, "collector.json");
        // Encoding.UTF8 writes a byte order mark: the loader must cope, as hand-edited files may carry one.
        File.WriteAllText(path, JsonSerializer.Serialize(config, RumJson.Lenient), Encoding.UTF8);
        return path;
    }
}

public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rum-collector-test-").FullName;
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}
