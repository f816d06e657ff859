using System.Threading.Channels;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// The one entrance to the decision path: receiver and poller write, a single worker reads, so two signals
/// about the same release are never decided at the same time in this process.
/// </summary>
public sealed class SignalQueue(ReleaseGuardOptions options)
{
    private readonly Channel<BurnSignal> _channel = Channel.CreateBounded<BurnSignal>(
        new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>False when the queue is full: the caller counts the drop (the alert repeats, the poller polls again).</summary>
    public bool TryEnqueue(BurnSignal signal) => _channel.Writer.TryWrite(signal);

    public ChannelReader<BurnSignal> Reader => _channel.Reader;

    /// <summary>Signals waiting, for tests and diagnostics.</summary>
    public int Count => _channel.Reader.Count;
}
