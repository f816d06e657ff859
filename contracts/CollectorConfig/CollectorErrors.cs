using RumOperator.Api;

namespace RumOperator.CollectorConfig;

/// <summary>How the collector symbolicates error stacks (docs/errors.md).</summary>
public sealed class CollectorErrors
{
    public CollectorSourceMaps SourceMaps { get; set; } = new();

    public static CollectorErrors From(ErrorsSpec spec) => new()
    {
        SourceMaps = spec.SourceMaps is not { } maps ? new CollectorSourceMaps() : new CollectorSourceMaps
        {
            Download = maps.Download,
            Origins = maps.Origins.Select(o => o.TrimEnd('/')).ToList(),
            Directory = maps.Directory,
            MaxCacheBytes = maps.MaxCacheBytes,
            MaxMapBytes = maps.MaxMapBytes,
            TimeoutSeconds = PromDuration.TryParse(maps.Timeout, out var t) && t > TimeSpan.Zero ? t.TotalSeconds : 5,
        },
    };
}

public sealed class CollectorSourceMaps
{
    /// <summary>Download scripts and maps from <see cref="Origins"/> (never from anywhere else).</summary>
    public bool Download { get; set; }
    /// <summary>Origins (scheme://host[:port]) of the app's own scripts: downloadable, and their frames are in-app.</summary>
    public List<string> Origins { get; set; } = [];
    /// <summary>Mounted directory of maps, as &lt;script path&gt;.map; read before downloading.</summary>
    public string? Directory { get; set; }
    public long MaxCacheBytes { get; set; } = 64L << 20;
    public int MaxMapBytes { get; set; } = 16 << 20;
    public double TimeoutSeconds { get; set; } = 5;

    [System.Text.Json.Serialization.JsonIgnore] public bool Enabled => Download || Directory is not null;
}
