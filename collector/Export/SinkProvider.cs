using RumOperator.CollectorConfig;

namespace RumCollector.Export;

/// <summary>The sinks for an export config.</summary>
public interface ISinkSource
{
    IReadOnlyList<IEventSink> For(CollectorExport config);
}

/// <summary>Opens the sinks an export config names and keeps them until the config changes.</summary>
public sealed class SinkProvider(HttpClient http, ILogger<SinkProvider> logger) : ISinkSource, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private (string? File, string? Otlp) _key;
    private IReadOnlyList<IEventSink> _sinks = [];
    private readonly List<IEventSink> _retired = [];

    public IReadOnlyList<IEventSink> For(CollectorExport config)
    {
        lock (_gate)
        {
            var key = (config.FilePath, config.OtlpEndpoint);
            if (key == _key) return _sinks;
            _retired.AddRange(_sinks);
            var sinks = new List<IEventSink>();
            if (!string.IsNullOrEmpty(config.FilePath))
            {
                try { sinks.Add(new JsonLinesFileSink(config.FilePath)); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogError(e, "Cannot open export file {Path}; file export disabled", config.FilePath);
                }
            }
            if (!string.IsNullOrEmpty(config.OtlpEndpoint)) sinks.Add(new OtlpHttpLogSink(http, config.OtlpEndpoint));
            (_key, _sinks) = (key, sinks);
            logger.LogInformation("Export sinks: {Sinks}", sinks.Count == 0 ? "none" : string.Join(", ", sinks.Select(s => s.Name)));
            return _sinks;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in _sinks.Concat(_retired)) await sink.DisposeAsync();
    }
}
