using System.Threading.Channels;
using RumCollector.Ingest;
using RumCollector.Metrics;

namespace RumCollector.Export;

/// <summary>
/// The bounded hand-off between ingest and export, bounded twice: in events and in bytes (what the
/// queued events keep alive, <see cref="ExportSize"/>), since a client chooses how large its
/// messages, stacks and URLs are. Ingest never waits: what does not fit is refused and the caller
/// counts it as dropped, by the bound that refused it. A beacon's sampled events go in as one item
/// (one channel write and at most one reader wake-up per beacon, not per event); the single reader
/// takes them out one <see cref="ExportEvent"/> at a time, and a beacon's bytes are released when
/// its last event is taken.
/// </summary>
public sealed class ExportQueue(int capacity, long maxBytes = RumOperator.Api.ExportSpec.DefaultMaxQueueBytes)
{
    private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private int _count;
    private long _bytes;
    // The reader's position in the beacon it is taking apart; touched by the single reader only.
    private BeaconEvents? _current;
    private int _next;

    public int Capacity { get; } = Math.Max(1, capacity);

    public long MaxBytes { get; } = Math.Max(1, maxBytes);

    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes the queued events keep alive (estimated when they were queued).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool IsEmpty => Count == 0;

    public bool TryEnqueue(ExportEvent item)
    {
        var size = Size(item);
        if (Reserve(1) == 0) return false;
        if (!ReserveBytes(size)) { Interlocked.Decrement(ref _count); return false; }
        if (_channel.Writer.TryWrite(item)) return true;
        Release(1, size);
        return false;
    }

    /// <summary>
    /// Queues the events that fit, in order: the rest are refused, as one by one into a full queue.
    /// Returns how many were queued and, when some were refused, the drop reason
    /// (<see cref="DropReason.ExportQueueFull"/> or <see cref="DropReason.ExportQueueBytes"/>).
    /// </summary>
    public (int Queued, string? Refused) TryEnqueueAll(ExportContext context, IReadOnlyList<RumEvent> events)
    {
        var reserved = Reserve(events.Count);
        if (reserved == 0) return (0, events.Count == 0 ? null : DropReason.ExportQueueFull);
        var size = ExportSize.Of(context);
        for (var i = 0; i < reserved; i++) size += ExportSize.Of(events[i]);
        if (!ReserveBytes(size))
        {
            Interlocked.Add(ref _count, -reserved);
            return (0, DropReason.ExportQueueBytes);
        }
        if (!_channel.Writer.TryWrite(new BeaconEvents(context, events, reserved, size)))
        {
            Release(reserved, size);
            return (0, DropReason.ExportQueueFull);
        }
        return (reserved, reserved < events.Count ? DropReason.ExportQueueFull : null);
    }

    public bool TryDequeue(out ExportEvent item)
    {
        if (_current is null)
        {
            if (!_channel.Reader.TryRead(out var next)) { item = null!; return false; }
            if (next is ExportEvent single) { item = single; Release(1, Size(single)); return true; }
            (_current, _next) = ((BeaconEvents)next, 0);
        }
        var beacon = _current;
        item = ExportEvent.For(beacon.Context, beacon.Events[_next++]);
        Interlocked.Decrement(ref _count);
        if (_next == beacon.Count) Finish(beacon);
        return true;
    }

    /// <summary>Drops up to <paramref name="max"/> events without building them (nothing to send them to); returns how many.</summary>
    public int Discard(int max)
    {
        var discarded = 0;
        while (discarded < max)
        {
            if (_current is null)
            {
                if (!_channel.Reader.TryRead(out var next)) break;
                if (next is ExportEvent single) { discarded++; Release(1, Size(single)); continue; }
                (_current, _next) = ((BeaconEvents)next, 0);
            }
            var beacon = _current;
            var taken = Math.Min(max - discarded, beacon.Count - _next);
            _next += taken;
            discarded += taken;
            Interlocked.Add(ref _count, -taken);
            if (_next == beacon.Count) Finish(beacon);
        }
        return discarded;
    }

    /// <summary>True when an event is waiting; false once the queue is completed and drained.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        _current is not null ? ValueTask.FromResult(true) : _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>No more events; the worker drains what is left and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private static long Size(ExportEvent item) => ExportSize.Of(item.Context) + ExportSize.Of(item.Event);

    private void Finish(BeaconEvents beacon)
    {
        _current = null;
        Interlocked.Add(ref _bytes, -beacon.Bytes);
    }

    /// <summary>Takes up to <paramref name="wanted"/> places; returns how many it got.</summary>
    private int Reserve(int wanted)
    {
        while (true)
        {
            var count = Volatile.Read(ref _count);
            var granted = Math.Min(wanted, Capacity - count);
            if (granted <= 0) return 0;
            if (Interlocked.CompareExchange(ref _count, count + granted, count) == count) return granted;
        }
    }

    private bool ReserveBytes(long size)
    {
        while (true)
        {
            var bytes = Interlocked.Read(ref _bytes);
            if (bytes + size > MaxBytes) return false;
            if (Interlocked.CompareExchange(ref _bytes, bytes + size, bytes) == bytes) return true;
        }
    }

    private void Release(int events, long size)
    {
        Interlocked.Add(ref _count, -events);
        Interlocked.Add(ref _bytes, -size);
    }

    /// <summary>The first <see cref="Count"/> events of a beacon, sharing one export context, and the bytes they keep alive.</summary>
    private sealed record BeaconEvents(ExportContext Context, IReadOnlyList<RumEvent> Events, int Count, long Bytes);
}
