namespace RumCollector.Export;

/// <summary>A destination for sampled raw events. Throws <see cref="RetryableExportException"/> when a retry may succeed.</summary>
public interface IEventSink : IAsyncDisposable
{
    string Name { get; }
    Task WriteAsync(IReadOnlyList<ExportEvent> batch, CancellationToken cancellationToken);
}

public sealed class RetryableExportException(string message, Exception? inner = null) : Exception(message, inner);
