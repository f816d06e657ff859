using System.Threading.Channels;
using RumCollector.Ingest;

namespace RumCollector.Export;

/// <summary>
/// The bounded hand-off between ingest and export, counted in events. Ingest never waits: events
/// beyond the capacity are refused and the caller counts them as dropped. A beacon's sampled events
/// go in as one item (one channel write and at most one reader wake-up per beacon, not per event);
/// the single reader takes them out one <see cref="ExportEvent"/> at a time.
/// </summary>
public sealed class ExportQueue(int capacity)
{
    private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private int _count;
    // The reader's position in the beacon it is taking apart; touched by the single reader only.
    private BeaconEvents? _current;
    private int _next;

    public int Capacity { get; } = Math.Max(1, capacity);

    public int Count => Volatile.Read(ref _count);

    public bool IsEmpty => Count == 0;

    public bool TryEnqueue(ExportEvent item)
    {
        if (Reserve(1) == 0) return false;
        if (_channel.Writer.TryWrite(item)) return true;
        Interlocked.Decrement(ref _count);
        return false;
    }

    /// <summary>Queues the events that fit, in order (the rest are refused, as one by one into a full queue); returns how many.</summary>
    public int TryEnqueueAll(ExportContext context, IReadOnlyList<RumEvent> events)
    {
        var reserved = Reserve(events.Count);
        if (reserved == 0 || _channel.Writer.TryWrite(new BeaconEvents(context, events, reserved))) return reserved;
        Interlocked.Add(ref _count, -reserved);
        return 0;
    }

    public bool TryDequeue(out ExportEvent item)
    {
        if (_current is null)
        {
            if (!_channel.Reader.TryRead(out var next)) { item = null!; return false; }
            if (next is ExportEvent single) { item = single; Interlocked.Decrement(ref _count); return true; }
            (_current, _next) = ((BeaconEvents)next, 0);
        }
        item = ExportEvent.For(_current.Context, _current.Events[_next++]);
        if (_next == _current.Count) _current = null;
        Interlocked.Decrement(ref _count);
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
                if (next is ExportEvent) { discarded++; Interlocked.Decrement(ref _count); continue; }
                (_current, _next) = ((BeaconEvents)next, 0);
            }
            var taken = Math.Min(max - discarded, _current.Count - _next);
            _next += taken;
            if (_next == _current.Count) _current = null;
            discarded += taken;
            Interlocked.Add(ref _count, -taken);
        }
        return discarded;
    }

    /// <summary>True when an event is waiting; false once the queue is completed and drained.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        _current is not null ? ValueTask.FromResult(true) : _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>No more events; the worker drains what is left and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();

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

    /// <summary>The first <see cref="Count"/> events of a beacon, sharing one export context.</summary>
    private sealed record BeaconEvents(ExportContext Context, IReadOnlyList<RumEvent> Events, int Count);
}
