using RumOperator.CollectorConfig;
using RumOperator.Serialization;

namespace RumCollector.Config;

/// <summary>Where the config comes from: the operator's mounted ConfigMap or manifests on disk.</summary>
public interface IConfigSource
{
    string Description { get; }
    ConfigSnapshot Load();
    /// <summary>Changes whenever any input file changes; cheap enough to poll.</summary>
    string Fingerprint();
}

public sealed class FileConfigSource(string path) : IConfigSource
{
    public string Description => $"config file {path}";
    public ConfigSnapshot Load() => FileConfigLoader.Load(path);
    public string Fingerprint() => FileConfigLoader.Fingerprint(path);
}

public sealed class ManifestConfigSource(string path, string? pipeline) : IConfigSource
{
    public string Description => $"manifests {path}";
    public ConfigSnapshot Load() => ManifestConfigLoader.Load(path, pipeline);

    public string Fingerprint()
    {
        try
        {
            return string.Join(";", Manifests.ListFiles(path).Select(f => f + "=" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));
        }
        catch (IOException e) { return "unreadable: " + e.Message; }
    }
}

/// <summary>Process options from the command line (or environment), as opposed to the pipeline config.</summary>
/// <param name="BodyTimeout">Time a client has to send its whole body; a slower one is answered 408 and frees its ingest slot.</param>
public sealed record CollectorOptions(IConfigSource Source, int MaxInFlight, TimeSpan ReloadInterval, TimeSpan BodyTimeout)
{
    public static readonly TimeSpan DefaultBodyTimeout = TimeSpan.FromSeconds(10);

    public static CollectorOptions From(IConfiguration configuration)
    {
        var manifests = configuration["manifests"];
        IConfigSource source = manifests is not null
            ? new ManifestConfigSource(manifests, configuration["pipeline"])
            : new FileConfigSource(configuration["config"] ?? Path.Combine(CollectorPaths.ConfigDirectory, CollectorPaths.ConfigFileName));
        return new CollectorOptions(
            source,
            int.TryParse(configuration["max-in-flight"], out var inFlight) && inFlight > 0 ? inFlight : 256,
            TimeSpan.FromSeconds(double.TryParse(configuration["reload-interval-seconds"], System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 2),
            double.TryParse(configuration["body-timeout-seconds"], System.Globalization.CultureInfo.InvariantCulture, out var b) && b > 0
                ? TimeSpan.FromSeconds(b) : DefaultBodyTimeout);
    }
}
