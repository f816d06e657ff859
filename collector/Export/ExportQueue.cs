using System.Threading.Channels;

namespace RumCollector.Export;

/// <summary>
/// The bounded hand-off between ingest and export. Ingest never waits: when the queue is full the
/// event is refused and the caller counts it as dropped.
/// </summary>
public sealed class ExportQueue(int capacity)
{
    private readonly Channel<ExportEvent> _channel = Channel.CreateBounded<ExportEvent>(new BoundedChannelOptions(Math.Max(1, capacity))
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public int Capacity { get; } = Math.Max(1, capacity);

    public int Count => _channel.Reader.Count;

    public bool TryEnqueue(ExportEvent item) => _channel.Writer.TryWrite(item);

    public ChannelReader<ExportEvent> Reader => _channel.Reader;

    /// <summary>No more events; the worker drains what is left and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
