using System.ComponentModel;

namespace RumOperator.Api;

public sealed class ErrorsSpec
{
    [Description("Error groups per app with their own series; the rest are counted as __other__.")]
    [Bounds(Minimum = 1, Maximum = 1000), SchemaDefault(50)]
    public int MaxGroupsPerApp { get; set; } = 50;

    [Description("Source maps for symbolicating minified stacks; off when absent.")]
    public SourceMapsSpec? SourceMaps { get; set; }
}

public sealed class SourceMapsSpec
{
    [Description("Download scripts and their source maps from the allowed origins, in the background.")]
    public bool Download { get; set; }

    [Description("Origins scripts and maps may be downloaded from, e.g. https://cdn.shop.example (scheme and host, no path). Frames from them count as the app's own.")]
    [Limits(MaxItems = 20)]
    public List<string> Origins { get; set; } = [];

    [Description("Directory of a mounted volume holding maps as <path of the script>.map, read before downloading.")]
    [StringFormat("^/.+")]
    public string? Directory { get; set; }

    [Description("Bytes of decoded source maps kept in memory; the least recently used are evicted.")]
    [Bounds(Minimum = 1048576, Maximum = 1073741824), SchemaDefault(67108864)]
    public long MaxCacheBytes { get; set; } = 64L << 20;

    [Description("Largest script or map downloaded or read, in bytes.")]
    [Bounds(Minimum = 1024, Maximum = 104857600), SchemaDefault(16777216)]
    public int MaxMapBytes { get; set; } = 16 << 20;

    [Description("Timeout of one download.")]
    [StringFormat(Patterns.Duration), SchemaDefault("5s")]
    public string Timeout { get; set; } = "5s";
}
