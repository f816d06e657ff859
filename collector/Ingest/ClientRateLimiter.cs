using System.Net;
using System.Net.Sockets;
using RumOperator.Api;

namespace RumCollector.Ingest;

/// <summary>
/// A token bucket on events per client address, besides the per-key buckets: the key is public, so one
/// client must not spend the whole key's budget. IPv6 clients are keyed by their /64 (one subscriber's
/// prefix). The table is bounded: beyond <see cref="ClientRateLimitSpec.MaxClients"/> the least recently
/// seen address is forgotten, which only gives that address a full bucket again. Refills lazily from the
/// <see cref="TimeProvider"/>, so it needs no timer and tests control time.
/// </summary>
public sealed class ClientRateLimiter(ClientRateLimitSpec spec, TimeProvider time)
{
    private readonly Dictionary<ClientKey, LinkedListNode<Bucket>> _table = [];
    private readonly LinkedList<Bucket> _recency = new(); // most recently seen first
    private readonly Lock _gate = new();

    public bool Enabled => spec.EventsPerSecond > 0;
    public int Burst => Math.Max(1, spec.Burst);
    public int Tracked { get { lock (_gate) return _table.Count; } }

    public RateDecision TryEvents(IPAddress? client, int count)
    {
        if (!Enabled || client is null || count == 0) return new(true, TimeSpan.Zero);
        var key = ClientKey.Of(client);
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_table.TryGetValue(key, out var node)) _recency.Remove(node);
            else
            {
                if (_table.Count >= Math.Max(1, spec.MaxClients) && _recency.Last is { } oldest)
                {
                    _recency.RemoveLast();
                    _table.Remove(oldest.Value.Key);
                }
                node = new LinkedListNode<Bucket>(new Bucket(key, Burst, now));
                _table[key] = node;
            }
            _recency.AddFirst(node);
            var bucket = node.Value;
            bucket.Tokens = Math.Min(Burst, bucket.Tokens + time.GetElapsedTime(bucket.Refilled, now).TotalSeconds * spec.EventsPerSecond);
            bucket.Refilled = now;
            if (bucket.Tokens >= count)
            {
                bucket.Tokens -= count;
                return new(true, TimeSpan.Zero);
            }
            return new(false, TimeSpan.FromSeconds((count - bucket.Tokens) / spec.EventsPerSecond));
        }
    }

    private sealed class Bucket(ClientKey key, double tokens, long refilled)
    {
        public ClientKey Key { get; } = key;
        public double Tokens { get; set; } = tokens;
        public long Refilled { get; set; } = refilled;
    }

    /// <summary>An IPv4 address, or the /64 of an IPv6 one, as two integers (no string per request).</summary>
    private readonly record struct ClientKey(ulong High, ulong Low)
    {
        public static ClientKey Of(IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out var written);
            if (address.AddressFamily == AddressFamily.InterNetwork)
                return new ClientKey(0, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[..written]));
            return new ClientKey(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]), ulong.MaxValue);
        }
    }
}
