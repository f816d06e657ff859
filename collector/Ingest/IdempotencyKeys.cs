namespace RumCollector.Ingest;

/// <summary>
/// The Idempotency-Key of requests accepted lately, per ingest key, so a client's retry of a request
/// that was processed (Faro 2.12 retries after timeouts and network errors, with the same key) is
/// answered 202 without being counted twice. Bounded in entries and time: the oldest entries go first.
/// </summary>
public sealed class IdempotencyKeys(TimeProvider time, int capacity = IdempotencyKeys.DefaultCapacity)
{
    public const int DefaultCapacity = 50_000;
    /// <summary>Faro gives up after 3 attempts with backoff up to 30 s and 10 s timeouts; five minutes covers them.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    /// <summary>Faro's are 20 characters; longer values are not remembered (a client's choice must not cost memory).</summary>
    public const int MaxKeyLength = 64;

    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Entry, DateTimeOffset Expires)> _order = new();
    private readonly Lock _lock = new();

    public bool Seen(string ingestKey, string? idempotencyKey)
    {
        if (!Usable(idempotencyKey)) return false;
        lock (_lock)
        {
            Expire(time.GetUtcNow());
            return _seen.ContainsKey(Entry(ingestKey, idempotencyKey!));
        }
    }

    public void Remember(string ingestKey, string? idempotencyKey)
    {
        if (!Usable(idempotencyKey)) return;
        var now = time.GetUtcNow();
        var entry = Entry(ingestKey, idempotencyKey!);
        lock (_lock)
        {
            Expire(now);
            if (!_seen.TryAdd(entry, now + Window)) return;
            _order.Enqueue((entry, now + Window));
            while (_seen.Count > capacity) _seen.Remove(_order.Dequeue().Entry);
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && oldest.Expires <= now) _seen.Remove(_order.Dequeue().Entry);
    }

    private static bool Usable(string? key) => key is { Length: > 0 and <= MaxKeyLength };

    private static string Entry(string ingestKey, string idempotencyKey) => string.Concat(ingestKey, "\n", idempotencyKey);
}
